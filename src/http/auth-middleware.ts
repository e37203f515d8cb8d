import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Auth } from '../services/auth.js';
import type { AppEnv } from './types.js';

export const SESSION_COOKIE = 'huixin_session';

/** Accepts `Authorization: Bearer <token>` or the session cookie; anything else is 401. */
export function requireAuth(auth: Auth): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const token = bearer ?? getCookie(c, SESSION_COOKIE);
    if (!token) return c.json({ error: 'authentication required' }, 401);
    const user = await auth.userForToken(token);
    if (!user) return c.json({ error: 'session invalid or expired' }, 401);
    c.set('user', user);
    c.set('token', token);
    await next();
  };
}
