/** The contact sidebar, merges (and their undo), phone/visit logging, and search. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import { canReadContact, contactDetails, updateContact } from '../../services/workspace/contact-view.js';
import { mergeContacts, MergeRefused, undoMerge } from '../../services/workspace/contact-merge.js';
import { logContact, UnknownContact } from '../../services/workspace/log-contact.js';
import { searchContacts, searchMessages } from '../../services/workspace/search.js';
import { DEFAULT_WORKSPACE } from '../../services/workspace/settings.js';
import { validationHook } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { ConversationSchema, ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['contacts'];
const SnippetSchema = z.object({ text: z.string(), highlights: z.array(z.tuple([z.number(), z.number()])) });
const TicketSummarySchema = z.object({ id: z.string(), number: z.string(), status: z.string(), dueAt: z.string().nullable(), conversationId: z.string().nullable() });
const ContactSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    unit: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    identities: z.array(
      z.object({ id: z.string(), channel: z.string(), externalId: z.string(), username: z.string().nullable(), displayName: z.string().nullable(), blocked: z.boolean() }),
    ),
    conversations: z.array(ConversationSchema),
    tickets: z.array(TicketSummarySchema),
    merges: z.array(z.object({ id: z.string(), mergedId: z.string(), mergedName: z.string(), createdAt: z.string() })),
    mergedInto: z.string().nullable(),
  })
  .openapi('ContactDetails');
const ContactHitSchema = z.object({ id: z.string(), name: z.string(), unit: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), snippet: SnippetSchema });
const MessageHitSchema = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  contactName: z.string(),
  channel: z.string(),
  private: z.boolean(),
  createdAt: z.string(),
  snippet: SnippetSchema,
});
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

const routes = {
  get: createRoute({
    method: 'get',
    path: '/api/contacts/{id}',
    tags,
    request: { params: IdParam },
    responses: { 200: jsonContent(ContactSchema, 'Contact with identities, conversations and tickets'), 404: jsonContent(ErrorSchema, 'No such contact') },
  }),
  patch: createRoute({
    method: 'patch',
    path: '/api/contacts/{id}',
    tags,
    request: {
      params: IdParam,
      ...jsonBody(z.object({ name: z.string().trim().min(1).max(200).optional(), unit: optionalText(100), phone: optionalText(40), email: z.string().email().max(320).nullable().optional() })),
    },
    responses: { 204: { description: 'Saved' }, 400: jsonContent(ErrorSchema, 'Invalid request'), 403: jsonContent(ErrorSchema, 'Not allowed'), 404: jsonContent(ErrorSchema, 'No such contact') },
  }),
  merge: createRoute({
    method: 'post',
    path: '/api/contacts/{id}/merge',
    tags,
    description: 'Merges `otherId` into this contact: identities, conversations and tickets move. Undo with POST /api/contact-merges/{id}/undo.',
    request: { params: IdParam, ...jsonBody(z.object({ otherId: z.string().uuid() })) },
    responses: {
      201: jsonContent(z.object({ mergeId: z.string() }), 'Merged'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      403: jsonContent(ErrorSchema, 'Needs conversation.read.all'),
      404: jsonContent(ErrorSchema, 'No such contact'),
      409: jsonContent(ErrorSchema, 'Merge refused'),
    },
  }),
  undo: createRoute({
    method: 'post',
    path: '/api/contact-merges/{id}/undo',
    tags,
    request: { params: IdParam },
    responses: { 204: { description: 'Undone' }, 403: jsonContent(ErrorSchema, 'Not allowed'), 404: jsonContent(ErrorSchema, 'No such merge'), 409: jsonContent(ErrorSchema, 'Already undone') },
  }),
  log: createRoute({
    method: 'post',
    path: '/api/conversations/log',
    tags: ['conversations'],
    description: 'Logs a phone call or walk-in visit (来电 / 来访) as a conversation, for an existing or a new contact.',
    request: jsonBody(
      z
        .object({
          channel: z.enum(['phone', 'visit']),
          contactId: z.string().uuid().optional(),
          newContact: z.object({ name: z.string().trim().min(1).max(200), phone: z.string().trim().max(40).optional(), unit: z.string().trim().max(100).optional() }).optional(),
          subject: z.string().trim().max(200).optional(),
          notes: z.string().trim().min(1).max(65_536),
        })
        .refine((b) => Boolean(b.contactId) !== Boolean(b.newContact), { message: 'give exactly one of contactId and newContact' }),
    ),
    responses: {
      201: jsonContent(z.object({ conversationId: z.string(), contactId: z.string() }), 'Logged'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      403: jsonContent(ErrorSchema, 'Needs conversation.reply'),
      422: jsonContent(ErrorSchema, 'Unknown contact'),
    },
  }),
  search: createRoute({
    method: 'get',
    path: '/api/search',
    tags: ['search'],
    description: 'Substring search over messages and contacts that works for Chinese; hits carry highlight ranges.',
    request: { query: z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(50).default(20) }) },
    responses: { 200: jsonContent(z.object({ messages: z.array(MessageHitSchema), contacts: z.array(ContactHitSchema) }), 'Hits, newest messages first'), 400: jsonContent(ErrorSchema, 'Invalid request') },
  }),
};

export function contactRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;
  const workspace = deps.workspace ?? DEFAULT_WORKSPACE;

  app.openapi(routes.get, async (c) => {
    const details = await contactDetails(db, workspace.tickets, c.get('user'), c.req.valid('param').id);
    return details ? c.json(details, 200) : c.json({ error: 'contact not found' }, 404);
  });
  app.openapi(routes.patch, async (c) => {
    const user = c.get('user');
    const patch = c.req.valid('json');
    const id = c.req.valid('param').id;
    // The read rule first: a contact one may not read does not exist for them (404, as on GET).
    if (!(await canReadContact(db, user, id))) return c.json({ error: 'contact not found' }, 404);
    if (!can(user, 'conversation.reply') || (patch.phone !== undefined && !can(user, 'contact.phone.view'))) return c.json({ error: 'not allowed' }, 403);
    return (await updateContact(db, id, patch)) ? c.body(null, 204) : c.json({ error: 'contact not found' }, 404);
  });
  app.openapi(routes.merge, async (c) => {
    const user = c.get('user');
    if (!can(user, 'conversation.read.all')) return c.json({ error: 'needs conversation.read.all' }, 403);
    try {
      const r = await mergeContacts(deps.services, workspace.tickets, user.id, c.req.valid('param').id, c.req.valid('json').otherId);
      return r ? c.json(r, 201) : c.json({ error: 'contact not found' }, 404);
    } catch (err) {
      if (err instanceof MergeRefused) return c.json({ error: err.message }, 409);
      throw err;
    }
  });
  app.openapi(routes.undo, async (c) => {
    const user = c.get('user');
    if (!can(user, 'conversation.read.all')) return c.json({ error: 'needs conversation.read.all' }, 403);
    const r = await undoMerge(deps.services, workspace.tickets, user.id, c.req.valid('param').id);
    if (r === 'not_found') return c.json({ error: 'merge not found' }, 404);
    if (r === 'already_undone') return c.json({ error: 'merge already undone' }, 409);
    return c.body(null, 204);
  });
  app.openapi(routes.log, async (c) => {
    const user = c.get('user');
    if (!can(user, 'conversation.reply')) return c.json({ error: 'needs conversation.reply' }, 403);
    const body = c.req.valid('json');
    // Logging a call for a contact one may not read would hand them its sidebar: unknown to them.
    if (body.contactId && !(await canReadContact(db, user, body.contactId))) return c.json({ error: `no contact ${body.contactId}` }, 422);
    try {
      return c.json(await logContact(deps.services, user, body), 201);
    } catch (err) {
      if (err instanceof UnknownContact) return c.json({ error: err.message }, 422);
      throw err;
    }
  });
  app.openapi(routes.search, async (c) => {
    const { q, limit } = c.req.valid('query');
    const user = c.get('user');
    const [messages, contacts] = await Promise.all([searchMessages(db, user, q, limit), searchContacts(db, user, q, Math.min(limit, 10))]);
    return c.json({ messages, contacts }, 200);
  });

  return app;
}
