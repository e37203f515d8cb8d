/**
 * CSRF protection for every form, signed-in or not: a random cookie (HttpOnly, SameSite=Lax)
 * and a hidden field holding its HMAC. A cross-site page can neither read the cookie nor
 * compute the field. Requests whose Origin names another host are refused outright.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'hx_forum_csrf';
export const CSRF_FIELD = '_csrf';

export function newCsrfSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function csrfToken(appSecret: string, cookieValue: string): string {
  return createHmac('sha256', appSecret).update(`forum-csrf:${cookieValue}`).digest('base64url');
}

export function csrfValid(appSecret: string, cookieValue: string | undefined, field: unknown): boolean {
  if (!cookieValue || typeof field !== 'string' || field.length === 0) return false;
  const expected = Buffer.from(csrfToken(appSecret, cookieValue));
  const given = Buffer.from(field);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Same-origin when the Origin header is absent (older browsers, mail clients) or names this host. */
export function originAllowed(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  if (origin === 'null' || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
