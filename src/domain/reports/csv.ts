/** CSV as Excel opens it: UTF-8 with a byte-order mark (else Chinese turns to mojibake), CRLF rows. */

export const UTF8_BOM = '\uFEFF';

/**
 * Quotes a cell when it needs it, and defuses formulas: a name such as "=HYPERLINK(…)" typed
 * by someone would otherwise run when a supervisor opens the export.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}
