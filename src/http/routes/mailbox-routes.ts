/**
 * Mailboxes (email inboxes) for admins with settings.manage: IMAP and SMTP servers, From name
 * and address, plus-addressing, the automatic acknowledgement. Passwords go in, never out (`passwordSet` says whether one is
 * stored). Each answer carries this instance's watcher status of the mailbox.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { can } from '../../domain/permissions.js';
import {
  createMailbox,
  deleteMailbox,
  getMailbox,
  listMailboxes,
  MailboxExists,
  MailboxFromEnv,
  MailboxInUse,
  updateMailbox,
  type MailboxView,
} from '../../services/email/mailboxes.js';
import { validationHook } from '../errors.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv, EmailAppDeps } from '../types.js';

const tags = ['mailboxes'];
const host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_[\]-]+$/, 'a host name or IP address');
const portNumber = z.number().int().min(1).max(65535);
const password = z.string().min(1).max(1024);

const ImapIn = z.object({ host, port: portNumber.default(993), secure: z.boolean().default(true), user: z.string().trim().min(1).max(320), password, folder: z.string().trim().min(1).max(200).default('INBOX') });
const SmtpIn = z.object({
  host,
  port: portNumber.default(587),
  secure: z.boolean().default(false),
  user: z.string().trim().min(1).max(320).nullable().optional(),
  password: password.nullable().optional(),
});
const FromIn = z.object({ name: z.string().trim().max(200).default(''), address: z.string().trim().email().max(320) });

const CreateMailboxBody = z
  .object({
    name: z.string().trim().max(200).optional(),
    from: FromIn,
    imap: ImapIn,
    smtp: SmtpIn,
    plusAddressing: z.boolean().default(false),
    acknowledge: z.boolean().default(true).openapi({ description: 'Answer the first mail of a new conversation automatically with its reference number' }),
    enabled: z.boolean().default(true),
  })
  .openapi('CreateMailboxRequest');

// No defaults here: a field left out of a PATCH keeps its stored value.
const PatchMailboxBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    from: z.object({ name: z.string().trim().max(200), address: z.string().trim().email().max(320) }).partial().optional(),
    imap: z.object({ host, port: portNumber, secure: z.boolean(), user: z.string().trim().min(1).max(320), password, folder: z.string().trim().min(1).max(200) }).partial().optional(),
    smtp: z.object({ host, port: portNumber, secure: z.boolean(), user: z.string().trim().min(1).max(320).nullable(), password: password.nullable() }).partial().optional(),
    plusAddressing: z.boolean().optional(),
    acknowledge: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .openapi('PatchMailboxRequest');

const MailboxSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    from: z.object({ name: z.string(), address: z.string() }),
    imap: z.object({ host: z.string(), port: z.number().int(), secure: z.boolean(), user: z.string(), folder: z.string(), passwordSet: z.boolean() }),
    smtp: z.object({ host: z.string(), port: z.number().int(), secure: z.boolean(), user: z.string().nullable(), passwordSet: z.boolean() }),
    plusAddressing: z.boolean(),
    acknowledge: z.boolean().openapi({ description: 'The first mail of a new conversation gets an automatic acknowledgement with its reference number' }),
    enabled: z.boolean(),
    source: z.enum(['env', 'api']).openapi({ description: '`env`: configured by IMAP_* and SMTP_* variables, read-only here' }),
    createdAt: z.string(),
    status: z
      .object({ watcher: z.enum(['standby', 'connecting', 'watching', 'reconnecting', 'stopped']), error: z.string().nullable(), lastSyncAt: z.string().nullable() })
      .nullable()
      .openapi({ description: "This server's IMAP watcher for the mailbox; `standby` while another instance watches it" }),
  })
  .openapi('Mailbox');

const forbidden = jsonContent(ErrorSchema, 'Needs settings.manage');
const notFound = jsonContent(ErrorSchema, 'No such mailbox');

const routes = {
  list: createRoute({ method: 'get', path: '/api/mailboxes', tags, responses: { 200: jsonContent(z.object({ data: z.array(MailboxSchema) }), 'Every mailbox'), 403: forbidden } }),
  create: createRoute({
    method: 'post',
    path: '/api/mailboxes',
    tags,
    request: { body: { content: { 'application/json': { schema: CreateMailboxBody } }, required: true } },
    responses: { 201: jsonContent(MailboxSchema, 'Created; watching starts at once'), 400: jsonContent(ErrorSchema, 'Invalid request'), 403: forbidden, 409: jsonContent(ErrorSchema, 'A mailbox with that address exists') },
  }),
  get: createRoute({ method: 'get', path: '/api/mailboxes/{id}', tags, request: { params: IdParam }, responses: { 200: jsonContent(MailboxSchema, 'The mailbox'), 403: forbidden, 404: notFound } }),
  patch: createRoute({
    method: 'patch',
    path: '/api/mailboxes/{id}',
    tags,
    description: 'Only what is given changes. A password left out is kept; `smtp.password: null` removes it.',
    request: { params: IdParam, body: { content: { 'application/json': { schema: PatchMailboxBody } }, required: true } },
    responses: {
      200: jsonContent(MailboxSchema, 'Saved; the watcher reconnects with the new settings'),
      400: jsonContent(ErrorSchema, 'Invalid request'),
      403: forbidden,
      404: notFound,
      409: jsonContent(ErrorSchema, 'Configured by environment, or the address is taken'),
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/api/mailboxes/{id}',
    tags,
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, 403: forbidden, 404: notFound, 409: jsonContent(ErrorSchema, 'Has conversations (disable it instead) or is configured by environment') },
  }),
};

function withStatus(email: EmailAppDeps, view: MailboxView) {
  return { ...view, status: email.mailboxStatus(view.id) };
}

export function mailboxRoutes(deps: AppDeps, email: EmailAppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;
  const box = email.secretBox;

  app.openapi(routes.list, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    return c.json({ data: (await listMailboxes(db, box)).map((v) => withStatus(email, v)) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    try {
      const view = await createMailbox(db, box, c.req.valid('json'));
      await email.mailboxesChanged();
      return c.json(withStatus(email, view), 201);
    } catch (err) {
      if (err instanceof MailboxExists) return c.json({ error: err.message }, 409);
      throw err;
    }
  });

  app.openapi(routes.get, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    const view = await getMailbox(db, box, c.req.valid('param').id);
    return view ? c.json(withStatus(email, view), 200) : c.json({ error: 'mailbox not found' }, 404);
  });

  app.openapi(routes.patch, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    try {
      const view = await updateMailbox(db, box, c.req.valid('param').id, c.req.valid('json'));
      if (!view) return c.json({ error: 'mailbox not found' }, 404);
      await email.mailboxesChanged();
      return c.json(withStatus(email, view), 200);
    } catch (err) {
      if (err instanceof MailboxExists || err instanceof MailboxFromEnv) return c.json({ error: err.message }, 409);
      throw err;
    }
  });

  app.openapi(routes.remove, async (c) => {
    if (!can(c.get('user'), 'settings.manage')) return c.json({ error: 'needs settings.manage' }, 403);
    try {
      if (!(await deleteMailbox(db, c.req.valid('param').id))) return c.json({ error: 'mailbox not found' }, 404);
      await email.mailboxesChanged();
      return c.body(null, 204);
    } catch (err) {
      if (err instanceof MailboxInUse || err instanceof MailboxFromEnv) return c.json({ error: err.message }, 409);
      throw err;
    }
  });

  return app;
}
