/**
 * The pure rules of the staff screens: which roles to offer, how a temporary password is
 * made, what a new password must satisfy, and how accounts and sessions are shown.
 */

/** The built-in roles (src/domain/permissions.ts BUILTIN_ROLES); their names live in the catalogs. */
export const BUILTIN_ROLE_KEYS = ['admin', 'supervisor', 'agent', 'restricted_agent', 'board_moderator', 'forum_admin'] as const;
export type BuiltinRoleKey = (typeof BUILTIN_ROLE_KEYS)[number];

export function isBuiltinRole(role: string): role is BuiltinRoleKey {
  return (BUILTIN_ROLE_KEYS as readonly string[]).includes(role);
}

/** The roles a select offers: the built-in ones, plus a custom role the account already has. */
export function roleOptions(current?: string): string[] {
  const keys: string[] = [...BUILTIN_ROLE_KEYS];
  if (current && !keys.includes(current)) keys.push(current);
  return keys;
}

/** The server's minimum (POST /api/users: password min 10). */
export const MIN_PASSWORD_LENGTH = 10;

// Crockford's base32: 32 symbols, so one byte masked to 5 bits picks one without bias, and
// no I/L/O/U to misread when the password is read out over the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 16 symbols (80 bits) in groups of four, e.g. `K7QM-3ZTA-9RXE-WP2D`; `bytes` must be random. */
export function temporaryPasswordFrom(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new RangeError('need 16 random bytes');
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += ALPHABET[bytes[i]! & 31];
  }
  return out;
}

export function generateTemporaryPassword(): string {
  return temporaryPasswordFrom(crypto.getRandomValues(new Uint8Array(16)));
}

export type PasswordProblem = 'missingCurrent' | 'tooShort' | 'mismatch' | 'same';

/** What is wrong with a password change form, checked before it is sent (the server checks again). */
export function passwordProblem(form: { current: string; next: string; confirm: string }): PasswordProblem | null {
  if (!form.current) return 'missingCurrent';
  if (form.next.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (form.next !== form.confirm) return 'mismatch';
  if (form.next === form.current) return 'same';
  return null;
}

export interface SortableStaff {
  name: string;
  disabled: boolean;
}

/** Active accounts first, each group by name (in the reader's language's order). */
export function sortStaff<T extends SortableStaff>(users: readonly T[], locale: string): T[] {
  return [...users].sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.name.localeCompare(b.name, locale));
}

/** "Chrome · Windows" from a User-Agent, enough to tell one's own devices apart. */
export function describeUserAgent(ua: string | null | undefined): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /(Chrome|Chromium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  const parts = [browser, os].filter((p): p is string => p !== null);
  return parts.length ? parts.join(' · ') : ua.slice(0, 60);
}
