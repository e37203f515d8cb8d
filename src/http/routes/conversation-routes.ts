import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import { capabilitiesOf } from '../../../channels/registry.js';
import {
  BadCursor,
  getConversation,
  listConversations,
  listMessages,
  markRead,
  UnknownAssignee,
  updateConversation,
} from '../../services/conversations.js';
import { postMessage } from '../../services/post-message.js';
import { prepareOutgoingAttachments } from '../../services/email/composer-attachments.js';
import { validationHook } from '../errors.js';
import {
  ConversationListQuery,
  ConversationSchema,
  ErrorSchema,
  IdParam,
  jsonContent,
  MessageSchema,
  PatchConversationBody,
  PostMessageBody,
} from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['conversations'];
const notFound = jsonContent(ErrorSchema, 'No such conversation (or not yours to see)');

const listRoute = createRoute({
  method: 'get',
  path: '/api/conversations',
  tags,
  request: { query: ConversationListQuery },
  responses: {
    200: jsonContent(z.object({ data: z.array(ConversationSchema), nextCursor: z.string().nullable() }), 'Most recent activity first'),
    400: jsonContent(ErrorSchema, 'Invalid filter or cursor'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/conversations/{id}',
  tags,
  request: { params: IdParam },
  responses: { 200: jsonContent(ConversationSchema, 'The conversation'), 404: notFound },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/api/conversations/{id}',
  tags,
  request: { params: IdParam, body: { content: { 'application/json': { schema: PatchConversationBody } }, required: true } },
  responses: {
    200: jsonContent(ConversationSchema, 'Updated'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    403: jsonContent(ErrorSchema, 'Not allowed to assign'),
    404: notFound,
    422: jsonContent(ErrorSchema, 'Unknown assignee'),
  },
});

const readRoute = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/read',
  tags,
  request: { params: IdParam },
  responses: { 204: { description: 'Marked read' }, 404: notFound },
});

const messagesRoute = createRoute({
  method: 'get',
  path: '/api/conversations/{id}/messages',
  tags,
  request: { params: IdParam },
  responses: { 200: jsonContent(z.object({ data: z.array(MessageSchema) }), 'Oldest first'), 404: notFound },
});

const postRoute = createRoute({
  method: 'post',
  path: '/api/conversations/{id}/messages',
  tags,
  request: { params: IdParam, body: { content: { 'application/json': { schema: PostMessageBody } }, required: true } },
  responses: {
    201: jsonContent(MessageSchema, 'Stored; a reply is queued for delivery, a private note is never sent'),
    400: jsonContent(ErrorSchema, 'Invalid request'),
    403: jsonContent(ErrorSchema, 'Not allowed to reply'),
    404: notFound,
    413: jsonContent(ErrorSchema, 'Attachments over the size limit'),
    422: jsonContent(ErrorSchema, 'This channel does not take attachments'),
  },
});

export function conversationRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;

  app.openapi(listRoute, async (c) => {
    try {
      return c.json(await listConversations(db, c.get('user'), c.req.valid('query')), 200);
    } catch (err) {
      if (err instanceof BadCursor) return c.json({ error: err.message }, 400);
      throw err;
    }
  });

  app.openapi(getRoute, async (c) => {
    const view = await getConversation(db, c.get('user'), c.req.valid('param').id);
    return view ? c.json(view, 200) : c.json({ error: 'conversation not found' }, 404);
  });

  app.openapi(patchRoute, async (c) => {
    const user = c.get('user');
    const body = c.req.valid('json');
    if (body.assigneeId !== undefined && !can(user, 'conversation.assign') && body.assigneeId !== user.id) {
      return c.json({ error: 'you may only assign conversations to yourself' }, 403);
    }
    try {
      const view = await updateConversation(deps.services, user, c.req.valid('param').id, body);
      return view ? c.json(view, 200) : c.json({ error: 'conversation not found' }, 404);
    } catch (err) {
      if (err instanceof UnknownAssignee) return c.json({ error: err.message }, 422);
      throw err;
    }
  });

  app.openapi(readRoute, async (c) => {
    const ok = await markRead(deps.services, c.get('user'), c.req.valid('param').id);
    return ok ? c.body(null, 204) : c.json({ error: 'conversation not found' }, 404);
  });

  app.openapi(messagesRoute, async (c) => {
    const data = await listMessages(db, c.get('user'), c.req.valid('param').id);
    return data ? c.json({ data }, 200) : c.json({ error: 'conversation not found' }, 404);
  });

  app.openapi(postRoute, async (c) => {
    const user = c.get('user');
    if (!can(user, 'conversation.reply')) return c.json({ error: 'you may not reply' }, 403);
    const id = c.req.valid('param').id;
    const conversation = await getConversation(db, user, id);
    if (!conversation) return c.json({ error: 'conversation not found' }, 404);
    const body = c.req.valid('json');
    const files = await prepareOutgoingAttachments(db, conversation.channel, body.attachments ?? [], deps.email?.maxAttachmentBytes ?? 25 * 1024 * 1024);
    if (!files.ok) return c.json({ error: files.error }, files.status);
    const message = await postMessage(deps.services, {
      conversationId: id,
      senderType: 'agent',
      senderId: user.id,
      content: body.content,
      private: body.private,
      attachments: files.attachments,
      ...(capabilitiesOf(conversation.channel).visibilityChoice && !body.private ? { meta: { forumVisibility: body.forumVisibility ?? 'private' } } : {}),
    });
    return message ? c.json(message, 201) : c.json({ error: 'conversation not found' }, 404);
  });

  return app;
}
