/** Presence (online / busy / offline), capacities, inbox membership for round-robin. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { eq, inArray } from 'drizzle-orm';
import { inboxes, inboxMembers, users } from '../../../db/schema/index.js';
import { can } from '../../domain/permissions.js';
import { assignPool } from '../../services/workspace/assignment.js';
import { changePresence, listPresence, setCapacity } from '../../services/workspace/presence.js';
import { DEFAULT_WORKSPACE } from '../../services/workspace/settings.js';
import { validationHook } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['presence'];
const PresenceSchema = z
  .object({ userId: z.string(), name: z.string(), status: z.enum(['online', 'busy', 'offline']), capacity: z.number().int(), load: z.number().int() })
  .openapi('Presence');

const routes = {
  list: createRoute({ method: 'get', path: '/api/presence', tags, responses: { 200: jsonContent(z.object({ data: z.array(PresenceSchema) }), 'Every agent') } }),
  setMine: createRoute({
    method: 'put',
    path: '/api/presence/me',
    tags,
    request: jsonBody(z.object({ status: z.enum(['online', 'busy', 'offline']) })),
    responses: { 200: jsonContent(z.object({ status: z.enum(['online', 'busy', 'offline']) }), 'Saved'), 400: jsonContent(ErrorSchema, 'Invalid request') },
  }),
  capacity: createRoute({
    method: 'patch',
    path: '/api/presence/{id}',
    tags,
    request: { params: IdParam, ...jsonBody(z.object({ capacity: z.number().int().min(0).max(500) })) },
    responses: {
      200: jsonContent(PresenceSchema, 'Saved'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      403: jsonContent(ErrorSchema, 'Needs conversation.assign'),
      404: jsonContent(ErrorSchema, 'No such agent'),
    },
  }),
  members: createRoute({
    method: 'put',
    path: '/api/inboxes/{id}/members',
    tags: ['inboxes'],
    description: 'Who round-robin picks from for this inbox; an empty list means every agent.',
    request: { params: IdParam, ...jsonBody(z.object({ userIds: z.array(z.string().uuid()).max(500) })) },
    responses: {
      204: { description: 'Saved' },
      400: jsonContent(ErrorSchema, 'Invalid request'),
      403: jsonContent(ErrorSchema, 'Needs settings.manage'),
      404: jsonContent(ErrorSchema, 'No such inbox'),
      422: jsonContent(ErrorSchema, 'Unknown user'),
    },
  }),
};

export function presenceRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;
  const workspace = deps.workspace ?? DEFAULT_WORKSPACE;
  const settings = { defaultCapacity: workspace.defaultCapacity };

  app.openapi(routes.list, async (c) => c.json({ data: await listPresence(db, settings) }, 200));
  app.openapi(routes.setMine, async (c) => {
    const r = await changePresence(deps.services, settings, c.get('user').id, { kind: 'set', status: c.req.valid('json').status });
    if (r.changed && r.status === 'online' && workspace.autoAssign) await assignPool(deps.services);
    return c.json({ status: r.status }, 200);
  });
  app.openapi(routes.capacity, async (c) => {
    if (!can(c.get('user'), 'conversation.assign')) return c.json({ error: 'needs conversation.assign' }, 403);
    const view = await setCapacity(deps.services, settings, c.req.valid('param').id, c.req.valid('json').capacity);
    if (view && workspace.autoAssign) await assignPool(deps.services);
    return view ? c.json(view, 200) : c.json({ error: 'agent not found' }, 404);
  });
  // GET /api/inboxes lives with the rest of the inbox API (inbox-routes.ts).
  app.openapi(routes.members, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    const inboxId = c.req.valid('param').id;
    const userIds = [...new Set(c.req.valid('json').userIds)];
    const [inbox] = await db.select({ id: inboxes.id }).from(inboxes).where(eq(inboxes.id, inboxId));
    if (!inbox) return c.json({ error: 'inbox not found' }, 404);
    if (userIds.length > 0 && (await db.select({ id: users.id }).from(users).where(inArray(users.id, userIds))).length !== userIds.length) {
      return c.json({ error: 'unknown user' }, 422);
    }
    await db.transaction(async (tx) => {
      await tx.delete(inboxMembers).where(eq(inboxMembers.inboxId, inboxId));
      if (userIds.length > 0) await tx.insert(inboxMembers).values(userIds.map((userId) => ({ inboxId, userId })));
    });
    return c.body(null, 204);
  });

  return app;
}
