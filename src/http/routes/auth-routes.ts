import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../auth-middleware.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, jsonContent, LoginBody, UserSchema } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const loginRoute = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: ['auth'],
  request: { body: { content: { 'application/json': { schema: LoginBody } }, required: true } },
  responses: {
    200: jsonContent(z.object({ token: z.string(), user: UserSchema }), 'Signed in; also sets the session cookie'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    401: jsonContent(ErrorSchema, 'Wrong email or password'),
  },
});

/** Routes that need no session: signing in. */
export function authRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(loginRoute, async (c) => {
    const { email, password } = c.req.valid('json');
    const session = await deps.auth.login(email, password);
    if (!session) return c.json({ error: 'wrong email or password' }, 401);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.secureCookies,
      path: '/',
      expires: session.expiresAt,
    });
    return c.json({ token: session.token, user: session.user }, 200);
  });
  return app;
}

const logoutRoute = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: ['auth'],
  responses: { 204: { description: 'Signed out' } },
});

const meRoute = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['auth'],
  responses: { 200: jsonContent(z.object({ user: UserSchema }), 'The signed-in user') },
});

/** Routes about the current session (behind requireAuth). */
export function sessionRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(logoutRoute, async (c) => {
    await deps.auth.logout(c.get('token'));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  app.openapi(meRoute, (c) => c.json({ user: c.get('user') }, 200));
  return app;
}
