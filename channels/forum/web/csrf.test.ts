import { describe, expect, it } from 'vitest';
import { csrfToken, csrfValid, originAllowed } from './csrf.js';

describe('forum CSRF', () => {
  it('accepts the token made for this cookie only', () => {
    const token = csrfToken('secret-1234567890', 'cookie-a');
    expect(csrfValid('secret-1234567890', 'cookie-a', token)).toBe(true);
    expect(csrfValid('secret-1234567890', 'cookie-b', token)).toBe(false);
    expect(csrfValid('secret-1234567890', undefined, token)).toBe(false);
    expect(csrfValid('secret-1234567890', 'cookie-a', '')).toBe(false);
    expect(csrfValid('secret-1234567890', 'cookie-a', undefined)).toBe(false);
  });
  it('refuses another site’s origin', () => {
    expect(originAllowed('https://evil.example', 'forum.example')).toBe(false);
    expect(originAllowed('null', 'forum.example')).toBe(false);
    expect(originAllowed('http://forum.example', 'forum.example')).toBe(true);
    expect(originAllowed(undefined, 'forum.example')).toBe(true);
  });
});
