import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth-middleware.js';
import { validationHook } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { UNKNOWN_NETWORK } from '../request-network.js';
import { ErrorSchema, jsonContent, LoginBody, UserSchema } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

export const SessionSchema = z
  .object({ id: z.string(), createdAt: z.string(), lastSeenAt: z.string(), userAgent: z.string().nullable(), ip: z.string().nullable(), current: z.boolean() })
  .openapi('Session');
export const NewPassword = z.string().min(10).max(1024);

const loginRoute = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  description: 'Failed attempts are counted per account and per client address; past a few, each failure doubles the wait (at most 15 minutes), answered with 429 and Retry-After.',
  request: { body: { content: { 'application/json': { schema: LoginBody } }, required: true } },
  responses: {
    200: jsonContent(z.object({ token: z.string(), user: UserSchema }), 'Signed in; also sets the session cookie'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    401: jsonContent(ErrorSchema, 'Wrong email or password'),
    403: jsonContent(ErrorSchema, 'Account disabled'),
    429: jsonContent(ErrorSchema.extend({ retryAfterSeconds: z.number().int() }), 'Too many failed attempts: wait Retry-After seconds'),
  },
});

/** Secure whenever this request came over TLS (directly or through a trusted proxy). */
export function secureCookie(deps: AppDeps, c: Context): boolean {
  return deps.secureCookies || (deps.network ?? UNKNOWN_NETWORK).overTls(c);
}

/** Routes that need no session: signing in. */
export function authRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const network = deps.network ?? UNKNOWN_NETWORK;
  app.openapi(loginRoute, async (c) => {
    const { email, password } = c.req.valid('json');
    const result = await deps.auth.login(email, password, { ip: network.clientAddress(c), userAgent: c.req.header('user-agent') ?? null });
    if (!result.ok) {
      if (result.reason === 'throttled') {
        c.header('Retry-After', String(result.retryAfterSeconds));
        return c.json({ error: `too many failed sign-in attempts; try again in ${result.retryAfterSeconds} s`, retryAfterSeconds: result.retryAfterSeconds }, 429);
      }
      if (result.reason === 'disabled') return c.json({ error: 'account disabled' }, 403);
      return c.json({ error: 'wrong email or password' }, 401);
    }
    setCookie(c, SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureCookie(deps, c),
      path: '/',
      expires: result.expiresAt,
    });
    const { sessionId: _sessionId, ...user } = result.user;
    return c.json({ token: result.token, user }, 200);
  });
  return app;
}

const logoutRoute = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  responses: { 204: { description: 'Signed out' }, 403: jsonContent(ErrorSchema, 'Cross-site request refused') },
});

const meRoute = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['auth'],
  responses: { 200: jsonContent(z.object({ user: UserSchema }), 'The signed-in user') },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/api/auth/password',
  tags: ['auth'],
  description: 'Changes the signed-in user’s password; every other session of theirs ends, this one stays.',
  request: jsonBody(z.object({ currentPassword: z.string().min(1).max(1024), newPassword: NewPassword })),
  responses: {
    204: { description: 'Changed' },
    400: jsonContent(ErrorSchema, 'Invalid request'),
    403: jsonContent(ErrorSchema, 'Wrong current password'),
    429: jsonContent(ErrorSchema.extend({ retryAfterSeconds: z.number().int() }), 'Too many wrong current passwords (they share the account’s sign-in limit): wait Retry-After seconds'),
  },
});

const mySessionsRoute = createRoute({
  method: 'get',
  path: '/api/auth/sessions',
  tags: ['auth'],
  responses: { 200: jsonContent(z.object({ data: z.array(SessionSchema) }), 'The signed-in user’s sessions, oldest first') },
});

const endMySessionRoute = createRoute({
  method: 'delete',
  path: '/api/auth/sessions/{id}',
  tags: ['auth'],
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: { 204: { description: 'Ended (its sockets are disconnected)' }, 404: jsonContent(ErrorSchema, 'No such session of yours') },
});

/** Routes about the current session (behind requireAuth). */
export function sessionRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(logoutRoute, async (c) => {
    await deps.auth.logout(c.get('token'));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookie(deps, c) });
    return c.body(null, 204);
  });
  app.openapi(meRoute, (c) => {
    const { sessionId: _sessionId, ...user } = c.get('user');
    return c.json({ user }, 200);
  });
  app.openapi(passwordRoute, async (c) => {
    const user = c.get('user');
    const { currentPassword, newPassword } = c.req.valid('json');
    const r = await deps.auth.changePassword(user.id, currentPassword, newPassword, user.sessionId);
    if (typeof r === 'object') {
      c.header('Retry-After', String(r.throttled));
      return c.json({ error: `too many wrong passwords; try again in ${r.throttled} s`, retryAfterSeconds: r.throttled }, 429);
    }
    return r === 'ok' ? c.body(null, 204) : c.json({ error: 'current password is wrong' }, 403);
  });
  app.openapi(mySessionsRoute, async (c) => {
    const user = c.get('user');
    return c.json({ data: await deps.auth.listSessions(user.id, user.sessionId) }, 200);
  });
  app.openapi(endMySessionRoute, async (c) => {
    const ended = await deps.auth.endSession(c.get('user').id, c.req.valid('param').id);
    return ended ? c.body(null, 204) : c.json({ error: 'session not found' }, 404);
  });
  return app;
}
