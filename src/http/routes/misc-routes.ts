import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import { eventsAfter } from '../../services/conversations.js';
import { retryDelivery } from '../../services/retry-delivery.js';
import { getWelcomeText, setWelcomeText } from '../../services/settings.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, EventSchema, IdParam, jsonContent, MessageSchema } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const eventsRoute = createRoute({
  method: 'get',
  path: '/api/events',
  tags: ['realtime'],
  description: 'Events after a sequence number, for a client that reconnects; same payloads as the socket.io events.',
  request: {
    query: z.object({
      after: z.coerce.number().int().min(0),
      limit: z.coerce.number().int().min(1).max(1000).default(500),
    }),
  },
  responses: {
    200: jsonContent(z.object({ data: z.array(EventSchema), hasMore: z.boolean() }), 'Oldest first'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
  },
});

const retryRoute = createRoute({
  method: 'post',
  path: '/api/messages/{id}/retry',
  tags: ['conversations'],
  request: { params: IdParam },
  responses: {
    200: jsonContent(MessageSchema, 'Queued again'),
    404: jsonContent(ErrorSchema, 'No such message'),
    409: jsonContent(ErrorSchema, 'Only a failed message can be retried'),
  },
});

const WelcomeSchema = z.object({ text: z.string().trim().min(1).max(4096) });
const getWelcomeRoute = createRoute({
  method: 'get',
  path: '/api/settings/telegram-welcome',
  tags: ['settings'],
  responses: { 200: jsonContent(WelcomeSchema, 'The /start welcome text') },
});
const putWelcomeRoute = createRoute({
  method: 'put',
  path: '/api/settings/telegram-welcome',
  tags: ['settings'],
  request: { body: { content: { 'application/json': { schema: WelcomeSchema } }, required: true } },
  responses: {
    200: jsonContent(WelcomeSchema, 'Saved'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    403: jsonContent(ErrorSchema, 'Needs settings.manage'),
  },
});

export function miscRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;

  app.openapi(eventsRoute, async (c) => {
    const { after, limit } = c.req.valid('query');
    const rows = await eventsAfter(db, c.get('user'), after, limit + 1);
    const data = rows.slice(0, limit).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }));
    return c.json({ data, hasMore: rows.length > limit }, 200);
  });

  app.openapi(retryRoute, async (c) => {
    const r = await retryDelivery(deps.services, c.get('user'), c.req.valid('param').id);
    if (r === 'not_found') return c.json({ error: 'message not found' }, 404);
    if (r === 'not_failed') return c.json({ error: 'only a failed message can be retried' }, 409);
    return c.json(r, 200);
  });

  app.openapi(getWelcomeRoute, async (c) => c.json({ text: await getWelcomeText(db) }, 200));
  app.openapi(putWelcomeRoute, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    const { text } = c.req.valid('json');
    await setWelcomeText(db, text);
    return c.json({ text }, 200);
  });

  return app;
}
