/**
 * The review queue and moderation actions for inbox-ui. Who may do what is decided in the
 * services (src/domain/forum/roles.ts): 版主 on their own boards, 论坛管理员 everywhere but
 * pin/highlight. Sending a post to the inbox normalizes and ingests it like any forum post.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { canUseReviewQueue } from '../../domain/forum/roles.js';
import { imageForStaff } from '../../services/forum/read.js';
import { claimItem, decideItem, getItem, listQueue } from '../../services/forum/moderation-queue.js';
import { createStaffTopic, hidePost, moveTopic, sendPostToInbox, setTopicFlag, suspendAccount } from '../../services/forum/moderation-actions.js';
import { validationHook } from '../errors.js';
import { triageForumItem } from '../forum-port.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv, ForumAppDeps } from '../types.js';
import { ClaimBody, DecisionBody, forumError, HideBody, MoveBody, QueueItemDetailSchema, QueueItemSchema, QueueQuery, StaffTopicBody, SuspendBody, TopicFlagBody } from './forum-schemas.js';
import { jsonBody } from '../json-body.js';

const tags = ['forum moderation'];
const errors = {
  400: jsonContent(ErrorSchema, 'Invalid request'),
  403: jsonContent(ErrorSchema, 'Not allowed (needs forum.moderate on this board, or forum.admin)'),
  404: jsonContent(ErrorSchema, 'Not found, or not on a board you moderate'),
  409: jsonContent(ErrorSchema, 'Claimed by another moderator, or already decided'),
  422: jsonContent(ErrorSchema, 'Not possible as asked (a reason is missing, unknown board …)'),
};
const Ok = jsonContent(z.object({ ok: z.literal(true) }), 'Done');

const listRoute = createRoute({
  method: 'get',
  path: '/api/forum/moderation',
  tags,
  request: { query: QueueQuery },
  responses: { 200: jsonContent(z.object({ data: z.array(QueueItemSchema), nextBefore: z.string().nullable() }), 'Pending: oldest first; decided: newest first'), ...errors },
});
const getRoute = createRoute({ method: 'get', path: '/api/forum/moderation/{id}', tags, request: { params: IdParam }, responses: { 200: jsonContent(QueueItemDetailSchema, 'The item with its history'), ...errors } });
const claimRoute = createRoute({ method: 'post', path: '/api/forum/moderation/{id}/claim', tags, request: { params: IdParam, ...jsonBody(ClaimBody) }, responses: { 200: Ok, ...errors } });
const decideRoute = createRoute({ method: 'post', path: '/api/forum/moderation/{id}/decision', tags, request: { params: IdParam, ...jsonBody(DecisionBody) }, responses: { 200: Ok, ...errors } });
const topicFlagRoute = createRoute({ method: 'post', path: '/api/forum/topics/{id}/flags', tags, request: { params: IdParam, ...jsonBody(TopicFlagBody) }, responses: { 200: Ok, ...errors } });
const moveRoute = createRoute({ method: 'post', path: '/api/forum/topics/{id}/move', tags, request: { params: IdParam, ...jsonBody(MoveBody) }, responses: { 200: Ok, ...errors } });
const hideRoute = createRoute({ method: 'post', path: '/api/forum/posts/{id}/hide', tags, request: { params: IdParam, ...jsonBody(HideBody) }, responses: { 200: Ok, ...errors } });
const toInboxRoute = createRoute({
  method: 'post',
  path: '/api/forum/posts/{id}/to-inbox',
  tags,
  request: { params: IdParam },
  responses: { 200: jsonContent(z.object({ conversationId: z.string().nullable() }), 'Filed into the topic’s conversation'), ...errors },
});
const staffTopicRoute = createRoute({
  method: 'post',
  path: '/api/forum/topics',
  tags,
  description: 'An official topic (社区公告 …), published at once with the staff badge.',
  request: jsonBody(StaffTopicBody),
  responses: { 201: jsonContent(z.object({ topicId: z.string() }), 'Published'), ...errors },
});
const suspendRoute = createRoute({
  method: 'post',
  path: '/api/forum/accounts/{id}/suspend',
  tags,
  request: { params: IdParam, ...jsonBody(SuspendBody) },
  responses: { 200: jsonContent(z.object({ suspendedUntil: z.string().nullable() }), 'Suspended (days 0 lifts it)'), ...errors },
});

export function forumModerationRoutes(_deps: AppDeps, forum: ForumAppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const fd = forum.services;

  app.openapi(listRoute, async (c) => {
    const user = c.get('user');
    if (!canUseReviewQueue(user)) return c.json({ error: 'needs forum.moderate or forum.admin' }, 403);
    return c.json(await listQueue(fd.db, user, c.req.valid('query')), 200);
  });

  app.openapi(getRoute, async (c) => {
    const user = c.get('user');
    if (!canUseReviewQueue(user)) return c.json({ error: 'needs forum.moderate or forum.admin' }, 403);
    try {
      return c.json(await getItem(fd.db, user, c.req.valid('param').id), 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  app.openapi(claimRoute, async (c) => {
    try {
      await claimItem(fd, c.get('user'), c.req.valid('param').id, c.req.valid('json').claim);
      return c.json({ ok: true as const }, 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  app.openapi(decideRoute, async (c) => {
    const { decision, reason } = c.req.valid('json');
    try {
      await decideItem(fd, c.get('user'), c.req.valid('param').id, decision, reason ?? null);
      return c.json({ ok: true as const }, 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  app.openapi(topicFlagRoute, async (c) => {
    const { flag, value, reason } = c.req.valid('json');
    try {
      await setTopicFlag(fd, c.get('user'), c.req.valid('param').id, flag, value, reason ?? null);
      return c.json({ ok: true as const }, 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  app.openapi(moveRoute, async (c) => {
    const { boardId, reason } = c.req.valid('json');
    try {
      await moveTopic(fd, c.get('user'), c.req.valid('param').id, boardId, reason ?? null);
      return c.json({ ok: true as const }, 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  app.openapi(hideRoute, async (c) => {
    try {
      await hidePost(fd, c.get('user'), c.req.valid('param').id, c.req.valid('json').reason);
      return c.json({ ok: true as const }, 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  app.openapi(toInboxRoute, async (c) => {
    try {
      const raw = await sendPostToInbox(fd, c.get('user'), c.req.valid('param').id);
      const filed = await triageForumItem(fd, raw);
      return c.json({ conversationId: filed?.conversationId ?? null }, 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  app.openapi(staffTopicRoute, async (c) => {
    try {
      return c.json(await createStaffTopic(fd, c.get('user'), c.req.valid('json')), 201);
    } catch (err) {
      return forumError(c, err);
    }
  });

  app.openapi(suspendRoute, async (c) => {
    const { days, reason } = c.req.valid('json');
    try {
      const until = await suspendAccount(fd, c.get('user'), c.req.valid('param').id, days, reason ?? null);
      return c.json({ suspendedUntil: until?.toISOString() ?? null }, 200);
    } catch (err) {
      return forumError(c, err);
    }
  });

  // Images of posts under review (held ones are not public yet). Not in the OpenAPI spec: it
  // answers with the image bytes, for an <img> in the review screen (cookie session).
  app.get('/api/forum/images/:id', async (c) => {
    const id = c.req.param('id');
    if (!canUseReviewQueue(c.get('user')) || !/^[0-9a-f-]{36}$/i.test(id)) return c.json({ error: 'not found' }, 404);
    const img = await imageForStaff(fd.db, id);
    if (!img) return c.json({ error: 'not found' }, 404);
    return c.body(img.data.slice().buffer as ArrayBuffer, 200, {
      'Content-Type': img.mimeType,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=3600',
    });
  });

  return app;
}
