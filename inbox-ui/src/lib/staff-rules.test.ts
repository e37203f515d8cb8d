import { describe, expect, it } from 'vitest';
import { describeUserAgent, generateTemporaryPassword, passwordProblem, roleOptions, sortStaff, temporaryPasswordFrom, MIN_PASSWORD_LENGTH } from './staff-rules';

describe('temporary passwords', () => {
  it('map every byte to an unambiguous symbol, in groups of four', () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i * 16 + 15);
    const pw = temporaryPasswordFrom(bytes);
    expect(pw).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(pw).toBe('FZFZ-FZFZ-FZFZ-FZFZ');
    expect(temporaryPasswordFrom(new Uint8Array(16))).toBe('0000-0000-0000-0000');
  });

  it('are long enough for the server and differ each time', () => {
    const a = generateTemporaryPassword();
    const b = generateTemporaryPassword();
    expect(a.length).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
    expect(a).not.toBe(b);
    expect(a).not.toMatch(/[ILOU]/);
  });

  it('refuse too few random bytes', () => {
    expect(() => temporaryPasswordFrom(new Uint8Array(8))).toThrow(RangeError);
  });
});

describe('password change form', () => {
  const ok = { current: 'old password 1', next: 'new password 22', confirm: 'new password 22' };
  it('accepts a good change', () => expect(passwordProblem(ok)).toBeNull());
  it('names each problem', () => {
    expect(passwordProblem({ ...ok, current: '' })).toBe('missingCurrent');
    expect(passwordProblem({ ...ok, next: 'short', confirm: 'short' })).toBe('tooShort');
    expect(passwordProblem({ ...ok, confirm: 'new password 23' })).toBe('mismatch');
    expect(passwordProblem({ current: ok.next, next: ok.next, confirm: ok.next })).toBe('same');
  });
});

describe('roles and lists', () => {
  it('offers the built-in roles and keeps a custom one the account has', () => {
    expect(roleOptions('agent')).toHaveLength(6);
    expect(roleOptions('night_shift')).toEqual([...roleOptions(), 'night_shift']);
  });

  it('sorts active accounts first, then by name', () => {
    const users = [
      { name: 'Zhou', disabled: false },
      { name: 'An', disabled: true },
      { name: 'Bai', disabled: false },
    ];
    expect(sortStaff(users, 'en').map((u) => u.name)).toEqual(['Bai', 'Zhou', 'An']);
    expect(users[0]!.name).toBe('Zhou');
  });

  it('names a device from its User-Agent', () => {
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36')).toBe('Chrome · Linux');
    expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120 Safari/537.36 Edg/120')).toBe('Edge · Windows');
    expect(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1')).toBe('Safari · iOS');
    expect(describeUserAgent('curl/8.0')).toBe('curl/8.0');
    expect(describeUserAgent(null)).toBeNull();
  });
});
