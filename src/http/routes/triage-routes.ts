/** Labels, priority, snooze, bulk actions, notes with @mentions, saved views and their counts. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import { getConversation, UnknownAssignee } from '../../services/conversations.js';
import { ViewFilterSchema } from '../../services/workspace/list-filters.js';
import { addNote, listMentions, readMentions, UnknownMention } from '../../services/workspace/notes.js';
import { createSavedView, deleteSavedView, listSavedViews, viewCounts } from '../../services/workspace/saved-views.js';
import { DEFAULT_WORKSPACE } from '../../services/workspace/settings.js';
import { BadSnooze, bulkUpdate, createLabel, deleteLabel, LabelExists, listLabels, triageConversations, UnknownLabel } from '../../services/workspace/triage.js';
import { validationHook } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { ConversationSchema, ErrorSchema, IdParam, jsonContent, MessageSchema } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['workspace'];
const LabelSchema = z.object({ id: z.string().uuid(), name: z.string(), color: z.string() }).openapi('Label');
const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
const TriageBody = z
  .object({
    priority: Priority.optional(),
    addLabelIds: z.array(z.string().uuid()).max(20).optional(),
    removeLabelIds: z.array(z.string().uuid()).max(20).optional(),
    snoozedUntil: z.string().datetime({ offset: true }).nullable().optional(),
  })
  .openapi('TriageRequest');
const BulkBody = TriageBody.extend({
  ids: z.array(z.string().uuid()).min(1).max(200),
  status: z.enum(['open', 'pending', 'resolved']).optional(),
  assigneeId: z.string().uuid().nullable().optional(),
}).openapi('BulkRequest');
const SavedViewSchema = z.object({ id: z.string().uuid(), name: z.string(), filter: ViewFilterSchema }).openapi('SavedView');
const MentionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  conversationId: z.string(),
  messageId: z.string(),
  by: z.object({ id: z.string(), name: z.string() }).nullable(),
  excerpt: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const routes = {
  labels: createRoute({ method: 'get', path: '/api/labels', tags, responses: { 200: jsonContent(z.object({ data: z.array(LabelSchema) }), 'All labels') } }),
  createLabel: createRoute({
    method: 'post',
    path: '/api/labels',
    tags,
    request: jsonBody(z.object({ name: z.string().trim().min(1).max(40), color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional() })),
    responses: { 201: jsonContent(LabelSchema, 'Created'), 400: jsonContent(ErrorSchema, 'Invalid request'), 403: jsonContent(ErrorSchema, 'Needs conversation.assign'), 409: jsonContent(ErrorSchema, 'Name taken') },
  }),
  deleteLabel: createRoute({
    method: 'delete',
    path: '/api/labels/{id}',
    tags,
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted, and removed from every conversation' }, 403: jsonContent(ErrorSchema, 'Needs settings.manage'), 404: jsonContent(ErrorSchema, 'No such label') },
  }),
  triage: createRoute({
    method: 'patch',
    path: '/api/conversations/{id}/triage',
    tags,
    request: { params: IdParam, ...jsonBody(TriageBody) },
    responses: {
      200: jsonContent(ConversationSchema, 'Updated'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      404: jsonContent(ErrorSchema, 'No such conversation'),
      422: jsonContent(ErrorSchema, 'Unknown label or a snooze time in the past'),
    },
  }),
  bulk: createRoute({
    method: 'post',
    path: '/api/conversations/bulk',
    tags,
    description: 'Assign, label, resolve (and prioritise or snooze) a selection. Conversations the user may not read are skipped.',
    request: jsonBody(BulkBody),
    responses: {
      200: jsonContent(z.object({ updated: z.number().int() }), 'How many changed'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      403: jsonContent(ErrorSchema, 'Not allowed to assign'),
      422: jsonContent(ErrorSchema, 'Unknown label, assignee or snooze time'),
    },
  }),
  note: createRoute({
    method: 'post',
    path: '/api/conversations/{id}/notes',
    tags,
    description: 'A private note; each mentioned agent gets a live `mention.created` event.',
    request: { params: IdParam, ...jsonBody(z.object({ content: z.string().trim().min(1).max(65_536), mentions: z.array(z.string().uuid()).max(20).default([]) })) },
    responses: {
      201: jsonContent(MessageSchema, 'Stored'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      404: jsonContent(ErrorSchema, 'No such conversation'),
      422: jsonContent(ErrorSchema, 'Unknown mentioned agent'),
    },
  }),
  mentions: createRoute({
    method: 'get',
    path: '/api/mentions',
    tags,
    request: { query: z.object({ unread: z.enum(['true', 'false']).default('true') }) },
    responses: { 200: jsonContent(z.object({ data: z.array(MentionSchema) }), 'My mentions, newest first'), 400: jsonContent(ErrorSchema, 'Invalid request') },
  }),
  readMentions: createRoute({
    method: 'post',
    path: '/api/conversations/{id}/mentions/read',
    tags,
    request: { params: IdParam },
    responses: { 200: jsonContent(z.object({ read: z.number().int() }), 'Marked read') },
  }),
  views: createRoute({ method: 'get', path: '/api/saved-views', tags, responses: { 200: jsonContent(z.object({ data: z.array(SavedViewSchema) }), 'My saved views') } }),
  createView: createRoute({
    method: 'post',
    path: '/api/saved-views',
    tags,
    request: jsonBody(z.object({ name: z.string().trim().min(1).max(60), filter: ViewFilterSchema })),
    responses: { 201: jsonContent(SavedViewSchema, 'Created'), 400: jsonContent(ErrorSchema, 'Invalid request') },
  }),
  deleteView: createRoute({
    method: 'delete',
    path: '/api/saved-views/{id}',
    tags,
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, 404: jsonContent(ErrorSchema, 'No such view') },
  }),
  counts: createRoute({
    method: 'get',
    path: '/api/views/counts',
    tags,
    description: 'Conversations with unread messages per view: `mine`, `unassigned`, `all` and each saved view id.',
    responses: { 200: jsonContent(z.object({ counts: z.record(z.string(), z.number()) }), 'Unread counts') },
  }),
};

export function triageRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;
  const workspace = deps.workspace ?? DEFAULT_WORKSPACE;
  const scheduleWake = async (at: string | null | undefined) => {
    if (at) await workspace.scheduler?.wakeSnoozedAt(new Date(at));
  };

  app.openapi(routes.labels, async (c) => c.json({ data: await listLabels(deps.services) }, 200));
  app.openapi(routes.createLabel, async (c) => {
    // The label catalog is shared by the whole inbox: those who triage the shared queue add to it.
    if (!can(c.get('user'), 'conversation.assign')) return c.json({ error: 'needs conversation.assign' }, 403);
    try {
      return c.json(await createLabel(deps.services, c.req.valid('json')), 201);
    } catch (err) {
      if (err instanceof LabelExists) return c.json({ error: err.message }, 409);
      throw err;
    }
  });
  app.openapi(routes.deleteLabel, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    return (await deleteLabel(deps.services, c.req.valid('param').id)) ? c.body(null, 204) : c.json({ error: 'label not found' }, 404);
  });

  app.openapi(routes.triage, async (c) => {
    const user = c.get('user');
    const id = c.req.valid('param').id;
    if (!(await getConversation(db, user, id))) return c.json({ error: 'conversation not found' }, 404);
    try {
      const patch = c.req.valid('json');
      const [view] = await triageConversations(deps.services, user, [id], patch);
      await scheduleWake(patch.snoozedUntil);
      return view ? c.json(view, 200) : c.json({ error: 'conversation not found' }, 404);
    } catch (err) {
      if (err instanceof UnknownLabel || err instanceof BadSnooze) return c.json({ error: err.message }, 422);
      throw err;
    }
  });

  app.openapi(routes.bulk, async (c) => {
    const user = c.get('user');
    const { ids, ...patch } = c.req.valid('json');
    if (patch.assigneeId !== undefined && !can(user, 'conversation.assign') && patch.assigneeId !== user.id) {
      return c.json({ error: 'you may only assign conversations to yourself' }, 403);
    }
    try {
      const result = await bulkUpdate(deps.services, user, ids, patch);
      await scheduleWake(patch.snoozedUntil);
      return c.json(result, 200);
    } catch (err) {
      if (err instanceof UnknownLabel || err instanceof BadSnooze) return c.json({ error: err.message }, 422);
      if (err instanceof UnknownAssignee) return c.json({ error: err.message }, 422);
      throw err;
    }
  });

  app.openapi(routes.note, async (c) => {
    const user = c.get('user');
    const id = c.req.valid('param').id;
    if (!(await getConversation(db, user, id))) return c.json({ error: 'conversation not found' }, 404);
    const { content, mentions } = c.req.valid('json');
    try {
      const message = await addNote(deps.services, { id: user.id, name: user.name }, id, content, mentions);
      return message ? c.json(message, 201) : c.json({ error: 'conversation not found' }, 404);
    } catch (err) {
      if (err instanceof UnknownMention) return c.json({ error: err.message }, 422);
      throw err;
    }
  });
  app.openapi(routes.mentions, async (c) => c.json({ data: await listMentions(db, c.get('user').id, c.req.valid('query').unread === 'true') }, 200));
  app.openapi(routes.readMentions, async (c) => c.json({ read: await readMentions(db, c.get('user').id, c.req.valid('param').id) }, 200));

  app.openapi(routes.views, async (c) => c.json({ data: await listSavedViews(db, c.get('user').id) }, 200));
  app.openapi(routes.createView, async (c) => {
    const { name, filter } = c.req.valid('json');
    return c.json(await createSavedView(db, c.get('user').id, name, filter), 201);
  });
  app.openapi(routes.deleteView, async (c) =>
    (await deleteSavedView(db, c.get('user').id, c.req.valid('param').id)) ? c.body(null, 204) : c.json({ error: 'view not found' }, 404),
  );
  app.openapi(routes.counts, async (c) => c.json({ counts: await viewCounts(db, c.get('user')) }, 200));

  return app;
}
