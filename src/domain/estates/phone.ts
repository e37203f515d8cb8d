/**
 * Mainland China phone numbers as rosters write them: mobiles "138 0013 8000",
 * "+86 138-0013-8000", "8613800138000"; landlines "010-12345678", "(0755) 2345 6789",
 * "021 5555 6666 转 801". Normalised to 11 digits for a mobile and 0AA(A)-NNNNNNN(N)[-ext]
 * for a landline, so the same number written two ways compares equal.
 */
export function normalizePhone(text: string): string | null {
  const t = text.normalize('NFKC').trim();
  if (!/^[0-9+()\s\-–.转]+(?:ext\.?\s*\d+)?$/iu.test(t)) return null;
  const [main, ext] = t.split(/转|ext\.?/iu) as [string, string | undefined];
  let digits = main.replace(/[^0-9+]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (/^861[3-9]\d{9}$/.test(digits)) digits = digits.slice(2);
  if (digits.includes('+')) return null;
  const extension = ext?.replace(/\D/g, '') ?? '';
  if (ext !== undefined && !/^\d{1,6}$/.test(extension)) return null;
  if (/^1[3-9]\d{9}$/.test(digits)) return ext === undefined ? digits : null;
  // Area codes: 010 and 02X are three digits, the rest four (0755, 0571 …).
  const landline = /^(010|02\d)(\d{8})$/.exec(digits) ?? /^(0[3-9]\d{2})(\d{7,8})$/.exec(digits);
  if (!landline) return null;
  return `${landline[1]}-${landline[2]}${extension ? `-${extension}` : ''}`;
}

