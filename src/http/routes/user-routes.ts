/** Staff accounts: the list (assignment pickers, admin screen), changes, switch-off, password resets, sessions. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import { createUser, getUser, listUsers, UnknownRole, updateUser, UserChangeRefused, UserExists } from '../../services/users.js';
import { validationHook } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';
import { NewPassword, SessionSchema } from './auth-routes.js';

const tags = ['users'];
const StaffSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().optional().openapi({ description: 'Only for callers with users.manage' }),
    role: z.string(),
    disabled: z.boolean(),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable(),
  })
  .openapi('StaffUser');
const forbidden = jsonContent(ErrorSchema, 'Needs users.manage');
const notFound = jsonContent(ErrorSchema, 'No such user');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/api/users',
    tags,
    description: 'Staff, for assignment pickers (switched-off accounts left out) and the admin screen. Emails only with users.manage.',
    request: { query: z.object({ includeDisabled: z.enum(['true', 'false']).optional() }) },
    responses: { 200: jsonContent(z.object({ data: z.array(StaffSchema) }), 'By name'), 400: jsonContent(ErrorSchema, 'Invalid request'), 403: forbidden },
  }),
  create: createRoute({
    method: 'post',
    path: '/api/users',
    tags,
    request: jsonBody(
      z.object({
        email: z.string().email().max(320),
        name: z.string().trim().min(1).max(200),
        password: z.string().min(10).max(1024),
        role: z.string().min(1).max(64).default('agent'),
      }),
    ),
    responses: {
      201: jsonContent(z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string() }), 'Created'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      403: forbidden,
      409: jsonContent(ErrorSchema, 'Email taken'),
      422: jsonContent(ErrorSchema, 'Unknown role'),
    },
  }),
  patch: createRoute({
    method: 'patch',
    path: '/api/users/{id}',
    tags,
    description: 'Switching an account off ends its sessions and open sockets at once and refuses its next sign-in.',
    request: {
      params: IdParam,
      ...jsonBody(z.object({ name: z.string().trim().min(1).max(200).optional(), role: z.string().min(1).max(64).optional(), disabled: z.boolean().optional() })),
    },
    responses: {
      200: jsonContent(StaffSchema, 'The changed user'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      403: forbidden,
      404: notFound,
      409: jsonContent(ErrorSchema, 'Cannot switch off yourself or remove the last account that manages users'),
      422: jsonContent(ErrorSchema, 'Unknown role'),
    },
  }),
  resetPassword: createRoute({
    method: 'post',
    path: '/api/users/{id}/password',
    tags,
    description: 'Sets a new password (a generated one when none is given) and ends the user’s sessions.',
    request: { params: IdParam, ...jsonBody(z.object({ password: NewPassword.optional() })) },
    responses: { 200: jsonContent(z.object({ temporaryPassword: z.string() }), 'The new password, shown once'), 400: jsonContent(ErrorSchema, 'Invalid request'), 403: forbidden, 404: notFound },
  }),
  sessions: createRoute({
    method: 'get',
    path: '/api/users/{id}/sessions',
    tags,
    request: { params: IdParam },
    responses: { 200: jsonContent(z.object({ data: z.array(SessionSchema) }), 'Oldest first'), 403: forbidden, 404: notFound },
  }),
  endSessions: createRoute({
    method: 'delete',
    path: '/api/users/{id}/sessions',
    tags,
    request: { params: IdParam },
    responses: { 204: { description: 'All ended; their sockets disconnected' }, 403: forbidden, 404: notFound },
  }),
};

export function userRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;
  const manages = (c: { get(k: 'user'): { permissions: readonly string[]; id: string } }) => can(c.get('user'), 'users.manage');

  app.openapi(routes.list, async (c) => {
    const includeDisabled = c.req.valid('query').includeDisabled === 'true';
    if (includeDisabled && !manages(c)) return c.json({ error: 'needs users.manage' }, 403);
    return c.json({ data: await listUsers(db, { withEmail: manages(c), includeDisabled }) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    if (!manages(c)) return c.json({ error: 'needs users.manage' }, 403);
    try {
      return c.json(await createUser(db, c.req.valid('json')), 201);
    } catch (err) {
      if (err instanceof UserExists) return c.json({ error: err.message }, 409);
      if (err instanceof UnknownRole) return c.json({ error: err.message }, 422);
      throw err;
    }
  });

  app.openapi(routes.patch, async (c) => {
    if (!manages(c)) return c.json({ error: 'needs users.manage' }, 403);
    const id = c.req.valid('param').id;
    try {
      const r = await updateUser(deps.services, c.get('user').id, id, c.req.valid('json'));
      if (!r) return c.json({ error: 'user not found' }, 404);
      if (r.disabledNow) await deps.auth.endSessions(id);
      return c.json(r.user, 200);
    } catch (err) {
      if (err instanceof UserChangeRefused) return c.json({ error: err.message }, 409);
      if (err instanceof UnknownRole) return c.json({ error: err.message }, 422);
      throw err;
    }
  });

  app.openapi(routes.resetPassword, async (c) => {
    if (!manages(c)) return c.json({ error: 'needs users.manage' }, 403);
    const r = await deps.auth.resetPassword(c.req.valid('param').id, c.req.valid('json').password);
    return r ? c.json(r, 200) : c.json({ error: 'user not found' }, 404);
  });

  app.openapi(routes.sessions, async (c) => {
    if (!manages(c)) return c.json({ error: 'needs users.manage' }, 403);
    const id = c.req.valid('param').id;
    if (!(await getUser(db, id))) return c.json({ error: 'user not found' }, 404);
    const me = c.get('user');
    return c.json({ data: await deps.auth.listSessions(id, me.id === id ? me.sessionId : undefined) }, 200);
  });

  app.openapi(routes.endSessions, async (c) => {
    if (!manages(c)) return c.json({ error: 'needs users.manage' }, 403);
    const id = c.req.valid('param').id;
    if (!(await getUser(db, id))) return c.json({ error: 'user not found' }, 404);
    await deps.auth.endSessions(id);
    return c.body(null, 204);
  });

  return app;
}
