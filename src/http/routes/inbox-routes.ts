/**
 * Inboxes as data (admins, settings.manage) and the channel kinds they can be of.
 *
 * - GET /api/channels: every kind in the registry with its labels, capabilities, whether it
 *   is created here, and its config fields as JSON Schema (secret fields `writeOnly`), from
 *   which the inbox screen builds its form.
 * - GET /api/inboxes: every agent sees id, kind, name and members (filters, round-robin);
 *   admins also get config without secrets, `secretsSet`, health and the webhook URL.
 * - POST/PATCH/DELETE /api/inboxes/{id}, POST /api/inboxes/{id}/test.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { z as zod } from 'zod';
import { channelDefinition, channelDefinitions } from '../../../channels/registry.js';
import { can } from '../../domain/permissions.js';
import { InboxError } from '../../services/inboxes/inbox-errors.js';
import { createInbox, deleteInbox, getInbox, listInboxes, updateInbox, type InboxView } from '../../services/inboxes/inbox-store.js';
import { validationHook } from '../errors.js';
import { jsonBody } from '../json-body.js';
import { ErrorSchema, IdParam, jsonContent } from '../schemas.js';
import type { AppDeps, AppEnv, InboxAppDeps } from '../types.js';

const tags = ['inboxes'];

const CapabilitiesSchema = z.record(z.string(), z.unknown()).openapi('ChannelCapabilities');
const ChannelKindSchema = z
  .object({
    kind: z.string(),
    label: z.object({ en: z.string(), 'zh-CN': z.string() }),
    capabilities: CapabilitiesSchema,
    creatable: z.boolean(),
    /** Has a webhook at /webhooks/<kind>/<inboxId>. */
    webhook: z.boolean(),
    secretFields: z.array(z.string()),
    configSchema: z.record(z.string(), z.unknown()),
  })
  .openapi('ChannelKind');

const HealthSchema = z.object({ lastInboundAt: z.string().nullable(), lastDeliveryAt: z.string().nullable(), lastError: z.string().nullable(), lastErrorAt: z.string().nullable() });
const InboxSchema = z
  .object({
    id: z.string().uuid(),
    channel: z.string(),
    name: z.string(),
    memberIds: z.array(z.string()),
    disabled: z.boolean(),
    // Admins only:
    config: z.record(z.string(), z.unknown()).optional(),
    secretsSet: z.array(z.string()).optional(),
    source: z.enum(['env', 'api']).optional(),
    editable: z.boolean().optional(),
    health: HealthSchema.optional(),
    webhookUrl: z.string().nullable().optional(),
    createdAt: z.string().optional(),
  })
  .openapi('Inbox');

const CreateInboxBody = z
  .object({ channel: z.string().min(1).max(64), name: z.string().trim().min(1).max(200), config: z.record(z.string(), z.unknown()).default({}) })
  .openapi('CreateInboxRequest');
const PatchInboxBody = z
  .object({ name: z.string().trim().min(1).max(200).optional(), config: z.record(z.string(), z.unknown()).optional(), disabled: z.boolean().optional() })
  .openapi('PatchInboxRequest');
const TestResultSchema = z.object({ ok: z.boolean(), detail: z.string().optional(), error: z.string().optional() }).openapi('InboxTestResult');

const adminErrors = {
  400: jsonContent(ErrorSchema, 'Invalid request or config (details name the fields)'),
  403: jsonContent(ErrorSchema, 'Needs settings.manage'),
  404: jsonContent(ErrorSchema, 'No such inbox'),
  409: jsonContent(ErrorSchema, 'The account has an inbox already, or the inbox is managed elsewhere'),
};

const routes = {
  channels: createRoute({ method: 'get', path: '/api/channels', tags, responses: { 200: jsonContent(z.object({ data: z.array(ChannelKindSchema) }), 'Channel kinds') } }),
  list: createRoute({ method: 'get', path: '/api/inboxes', tags, responses: { 200: jsonContent(z.object({ data: z.array(InboxSchema) }), 'Inboxes') } }),
  create: createRoute({ method: 'post', path: '/api/inboxes', tags, request: jsonBody(CreateInboxBody), responses: { 201: jsonContent(InboxSchema, 'Created'), ...adminErrors } }),
  get: createRoute({ method: 'get', path: '/api/inboxes/{id}', tags, request: { params: IdParam }, responses: { 200: jsonContent(InboxSchema, 'The inbox'), ...adminErrors } }),
  patch: createRoute({
    method: 'patch',
    path: '/api/inboxes/{id}',
    tags,
    description: 'Config fields left out keep their stored values (secrets included).',
    request: { params: IdParam, ...jsonBody(PatchInboxBody) },
    responses: { 200: jsonContent(InboxSchema, 'Saved'), ...adminErrors },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/api/inboxes/{id}',
    tags,
    description: 'An inbox with conversations is disabled instead of deleted (outcome `disabled`).',
    request: { params: IdParam },
    responses: { 200: jsonContent(z.object({ outcome: z.enum(['deleted', 'disabled']) }), 'Done'), ...adminErrors },
  }),
  test: createRoute({
    method: 'post',
    path: '/api/inboxes/{id}/test',
    tags,
    description: "Checks the inbox's credentials against its platform.",
    request: { params: IdParam },
    responses: { 200: jsonContent(TestResultSchema, 'The outcome'), ...adminErrors },
  }),
};

/** The config's JSON Schema for the inbox form; secret fields are marked writeOnly. */
function configDescription(kind: string): Record<string, unknown> {
  const definition = channelDefinition(kind);
  if (!definition) return {};
  const schema = zod.toJSONSchema(definition.configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  for (const field of definition.secretFields) if (properties?.[field]) properties[field] = { ...properties[field], writeOnly: true };
  return schema;
}

export function inboxRoutes(deps: AppDeps, inboxDeps?: InboxAppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const { db } = deps.services;

  const webhookUrl = (view: InboxView): string | null => {
    const definition = channelDefinition(view.channel);
    if (!definition?.verifyWebhook || !inboxDeps) return null;
    return `${inboxDeps.publicBase()}/webhooks/${view.channel}/${view.id}`;
  };
  const full = (view: InboxView) => ({ ...view, webhookUrl: webhookUrl(view) });
  const brief = (v: InboxView) => ({ id: v.id, channel: v.channel, name: v.name, memberIds: v.memberIds, disabled: v.disabled });
  const fail = (err: unknown) => {
    if (!(err instanceof InboxError)) throw err;
    const status = err.code === 'invalid' || err.code === 'unknown_kind' ? 400 : 409;
    return { body: { error: err.message, ...(err.details.length ? { details: err.details } : {}) }, status } as const;
  };

  app.openapi(routes.channels, (c) =>
    c.json(
      {
        data: channelDefinitions().map((d) => ({
          kind: d.kind,
          label: d.label,
          capabilities: { ...d.capabilities },
          creatable: d.creatable,
          webhook: Boolean(d.verifyWebhook),
          secretFields: [...d.secretFields],
          configSchema: configDescription(d.kind),
        })),
      },
      200,
    ),
  );

  app.openapi(routes.list, async (c) => {
    // Without the secret box (the Workers entry) secrets cannot be opened; only the brief view.
    const box = inboxDeps?.secretBox;
    const views = await listInboxes(db, box ?? { seal: () => '', open: () => '{}' });
    const admin = can(c.get('user'), 'settings.manage') && box;
    return c.json({ data: views.map((v) => (admin ? full(v) : brief(v))) }, 200);
  });

  // Everything below changes or reveals configuration: admins on an entry with the secret box.
  const admin = (c: { get(k: 'user'): { permissions: readonly string[]; id: string } }): InboxAppDeps | null =>
    can(c.get('user'), 'settings.manage') ? (inboxDeps ?? null) : null;

  app.openapi(routes.create, async (c) => {
    const d = admin(c);
    if (!d) return c.json({ error: 'needs settings.manage' }, 403);
    try {
      const view = await createInbox(db, d.secretBox, c.req.valid('json'));
      await d.changed(view.id);
      return c.json(full((await getInbox(db, d.secretBox, view.id)) ?? view), 201);
    } catch (err) {
      const f = fail(err);
      return c.json(f.body, f.status);
    }
  });

  app.openapi(routes.get, async (c) => {
    const d = admin(c);
    if (!d) return c.json({ error: 'needs settings.manage' }, 403);
    const view = await getInbox(db, d.secretBox, c.req.valid('param').id);
    return view ? c.json(full(view), 200) : c.json({ error: 'inbox not found' }, 404);
  });

  app.openapi(routes.patch, async (c) => {
    const d = admin(c);
    if (!d) return c.json({ error: 'needs settings.manage' }, 403);
    const id = c.req.valid('param').id;
    try {
      const view = await updateInbox(db, d.secretBox, id, c.req.valid('json'), deps.services.clock.now());
      if (!view) return c.json({ error: 'inbox not found' }, 404);
      await d.changed(id);
      return c.json(full((await getInbox(db, d.secretBox, id)) ?? view), 200);
    } catch (err) {
      const f = fail(err);
      return c.json(f.body, f.status);
    }
  });

  app.openapi(routes.remove, async (c) => {
    const d = admin(c);
    if (!d) return c.json({ error: 'needs settings.manage' }, 403);
    const id = c.req.valid('param').id;
    try {
      const outcome = await deleteInbox(db, id, deps.services.clock.now());
      if (!outcome) return c.json({ error: 'inbox not found' }, 404);
      await d.changed(id);
      return c.json({ outcome }, 200);
    } catch (err) {
      const f = fail(err);
      return c.json(f.body, f.status);
    }
  });

  app.openapi(routes.test, async (c) => {
    const d = admin(c);
    if (!d) return c.json({ error: 'needs settings.manage' }, 403);
    const id = c.req.valid('param').id;
    const view = await getInbox(db, d.secretBox, id);
    if (!view) return c.json({ error: 'inbox not found' }, 404);
    const result = await d.check(id);
    if (!result) return c.json({ error: view.disabled ? 'the inbox is disabled' : 'this inbox has no check here (not running on this server)' }, 409);
    return c.json(result, 200);
  });

  return app;
}
