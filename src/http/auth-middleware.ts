import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Auth } from '../services/auth.js';
import { originAllowed } from './origin-check.js';
import type { AppEnv } from './types.js';

export const SESSION_COOKIE = 'huixin_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Accepts `Authorization: Bearer <token>` or the session cookie; anything else is 401.
 *
 * A cookie travels with any request the browser makes, so a change made with the cookie
 * alone (no bearer header, which a foreign page cannot set) must come from one of our pages:
 * its Origin must be ours, or, without an Origin, its body must be JSON (a cross-site form
 * cannot send that without a CORS preflight, which we never grant).
 */
export function requireAuth(auth: Auth, opts: { publicUrl?: string } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const token = bearer ?? getCookie(c, SESSION_COOKIE);
    if (!token) return c.json({ error: 'authentication required' }, 401);
    if (!bearer && !SAFE_METHODS.has(c.req.method) && !sameSiteChange(c.req.header('origin'), c.req.header('host'), c.req.header('content-type'), opts.publicUrl)) {
      return c.json({ error: 'cross-site request refused: send JSON from the app, or use a bearer token' }, 403);
    }
    const user = await auth.userForToken(token);
    if (!user) return c.json({ error: 'session invalid or expired' }, 401);
    c.set('user', user);
    c.set('token', token);
    await next();
  };
}

function sameSiteChange(origin: string | undefined, host: string | undefined, contentType: string | undefined, publicUrl: string | undefined): boolean {
  if (origin) return originAllowed(origin, host, publicUrl);
  return /^application\/json\b/i.test(contentType ?? '');
}
