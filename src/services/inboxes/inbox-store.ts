/**
 * Inboxes as data: one row per channel account, its config validated by the channel's own
 * schema (channels/registry.ts), secrets sealed and never shown. Creating and editing is for
 * the kinds whose definition says `creatable`; the others (mailboxes, the forum, the phone
 * and visit logs) are listed here but managed where they live. Inboxes seeded from
 * environment variables (`config.source = 'env'`) are changed there.
 */
import { randomUUID } from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import { conversations, inboxes, inboxMembers } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { AnyChannelDefinition } from '../../../channels/definition.js';
import { channelDefinition } from '../../../channels/registry.js';
import type { SecretBox } from '../secret-box.js';
import { InboxError } from './inbox-errors.js';
import { openSecrets, secretContext, secretsSet, splitConfig, storedConfigInput, visibleConfig } from './inbox-secrets.js';

type InboxRow = typeof inboxes.$inferSelect;

export interface InboxView {
  id: string;
  channel: string;
  name: string;
  /** The config without its secrets. */
  config: Record<string, unknown>;
  /** Secret fields that have a stored value. */
  secretsSet: string[];
  disabled: boolean;
  /** `env`: seeded from environment variables, changed there. */
  source: 'env' | 'api';
  /** Created and edited through this API (else: where the kind is managed, e.g. /api/mailboxes). */
  editable: boolean;
  health: { lastInboundAt: string | null; lastDeliveryAt: string | null; lastError: string | null; lastErrorAt: string | null };
  memberIds: string[];
  createdAt: string;
}

export interface InboxInput {
  channel: string;
  name: string;
  config: Record<string, unknown>;
}

export interface InboxPatch {
  name?: string;
  /** Fields to change; a secret field left out keeps its stored value. */
  config?: Record<string, unknown>;
  disabled?: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const sourceOf = (row: InboxRow): 'env' | 'api' => (row.config.source === 'env' ? 'env' : 'api');

function toView(row: InboxRow, box: SecretBox, memberIds: string[]): InboxView {
  const definition = channelDefinition(row.channel);
  return {
    id: row.id,
    channel: row.channel,
    name: row.name,
    config: definition ? withoutSecrets(definition, visibleConfig(row)) : {},
    secretsSet: definition ? secretsSet(definition, openSecrets(box, row)) : [],
    disabled: row.disabled,
    source: sourceOf(row),
    editable: Boolean(definition?.creatable) && sourceOf(row) !== 'env',
    health: { lastInboundAt: iso(row.lastInboundAt), lastDeliveryAt: iso(row.lastDeliveryAt), lastError: row.lastError, lastErrorAt: iso(row.lastErrorAt) },
    memberIds,
    createdAt: row.createdAt.toISOString(),
  };
}

// Secrets live in secrets_encrypted; a visible config never shows one even if an old row had it.
function withoutSecrets(definition: AnyChannelDefinition, config: Record<string, unknown>): Record<string, unknown> {
  return splitConfig(definition, config).visible;
}

function parseConfig(definition: AnyChannelDefinition, input: unknown): unknown {
  const parsed = definition.configSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: ['config', ...i.path].join('.'), message: i.message }));
    throw new InboxError('invalid', `invalid config: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
  }
  return parsed.data;
}

function creatableDefinition(kind: string): AnyChannelDefinition {
  const definition = channelDefinition(kind);
  if (!definition) throw new InboxError('unknown_kind', `no channel of kind ${kind}`, [{ path: 'channel', message: 'unknown channel kind' }]);
  if (!definition.creatable) throw new InboxError('managed_elsewhere', `${kind} inboxes are not created through this API`);
  return definition;
}

function isUniqueViolation(err: unknown): boolean {
  for (let cur: unknown = err, i = 0; cur && typeof cur === 'object' && i < 4; cur = (cur as { cause?: unknown }).cause, i++) {
    if ((cur as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

async function membersOf(db: Db): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  for (const m of await db.select().from(inboxMembers)) map.set(m.inboxId, [...(map.get(m.inboxId) ?? []), m.userId]);
  return map;
}

export async function listInboxes(db: Db, box: SecretBox): Promise<InboxView[]> {
  const rows = await db.select().from(inboxes).orderBy(asc(inboxes.name), asc(inboxes.createdAt));
  const members = await membersOf(db);
  return rows.map((r) => toView(r, box, members.get(r.id) ?? []));
}

export async function getInbox(db: Db, box: SecretBox, id: string): Promise<InboxView | null> {
  const [row] = await db.select().from(inboxes).where(eq(inboxes.id, id));
  if (!row) return null;
  const members = await db.select().from(inboxMembers).where(eq(inboxMembers.inboxId, id));
  return toView(row, box, members.map((m) => m.userId));
}

export async function createInbox(db: Db, box: SecretBox, input: InboxInput): Promise<InboxView> {
  const definition = creatableDefinition(input.channel);
  const config = parseConfig(definition, input.config);
  const { visible, secrets } = splitConfig(definition, config);
  const id = randomUUID();
  const accountKey = definition.accountKey(config);
  try {
    const [row] = await db
      .insert(inboxes)
      .values({
        id,
        channel: definition.kind,
        accountKey,
        name: input.name.trim(),
        config: { ...visible, source: 'api' },
        secretsEncrypted: box.seal(JSON.stringify(secrets), secretContext(id)),
      })
      .returning();
    if (!row) throw new Error('inbox insert returned nothing');
    return toView(row, box, []);
  } catch (err) {
    if (isUniqueViolation(err)) throw new InboxError('conflict', `an inbox for this ${definition.kind} account (${accountKey}) exists already`);
    throw err;
  }
}

export async function updateInbox(db: Db, box: SecretBox, id: string, patch: InboxPatch, now: Date): Promise<InboxView | null> {
  const [row] = await db.select().from(inboxes).where(eq(inboxes.id, id));
  if (!row) return null;
  const changesConfig = patch.config !== undefined && Object.keys(patch.config).length > 0;
  if (changesConfig || patch.disabled !== undefined) {
    creatableDefinition(row.channel);
    if (sourceOf(row) === 'env') throw new InboxError('managed_elsewhere', 'this inbox is configured by environment variables; change them instead');
  }
  const set: Partial<typeof inboxes.$inferInsert> = { updatedAt: now };
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.disabled !== undefined) set.disabled = patch.disabled;
  if (changesConfig) {
    const definition = creatableDefinition(row.channel);
    // Omitted fields keep their stored value, secrets included; a changed account key is checked below.
    const merged = { ...storedConfigInput(box, row), ...dropUndefined(patch.config ?? {}) };
    const config = parseConfig(definition, merged);
    const { visible, secrets } = splitConfig(definition, config);
    set.config = { ...visible, source: 'api' };
    set.secretsEncrypted = box.seal(JSON.stringify(secrets), secretContext(id));
    set.accountKey = definition.accountKey(config);
  }
  try {
    const [updated] = await db.update(inboxes).set(set).where(eq(inboxes.id, id)).returning();
    if (!updated) return null;
    const members = await db.select().from(inboxMembers).where(eq(inboxMembers.inboxId, id));
    return toView(updated, box, members.map((m) => m.userId));
  } catch (err) {
    if (isUniqueViolation(err)) throw new InboxError('conflict', `another inbox uses this ${row.channel} account already`);
    throw err;
  }
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/**
 * Deletes an inbox without conversations; one with conversations is disabled instead (they
 * keep their history), which the answer says.
 */
export async function deleteInbox(db: Db, id: string, now: Date): Promise<'deleted' | 'disabled' | null> {
  const [row] = await db.select().from(inboxes).where(eq(inboxes.id, id));
  if (!row) return null;
  creatableDefinition(row.channel);
  if (sourceOf(row) === 'env') throw new InboxError('managed_elsewhere', 'this inbox is configured by environment variables');
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(conversations).where(eq(conversations.inboxId, id));
  if (n > 0) {
    await db.update(inboxes).set({ disabled: true, updatedAt: now }).where(eq(inboxes.id, id));
    return 'disabled';
  }
  await db.delete(inboxes).where(eq(inboxes.id, id));
  return 'deleted';
}

/** What the runtime builds instances from: an enabled inbox of a creatable kind with its full config. */
export interface RunnableInbox {
  id: string;
  definition: AnyChannelDefinition;
  config: unknown;
  /** Changes whenever the row does; the runtime rebuilds an instance when it differs. */
  version: string;
}

export async function loadRunnableInbox(db: Db, box: SecretBox, id: string): Promise<RunnableInbox | { error: string } | null> {
  const [row] = await db.select().from(inboxes).where(eq(inboxes.id, id));
  return row ? runnable(box, row) : null;
}

export async function loadRunnableInboxes(db: Db, box: SecretBox): Promise<{ inboxes: RunnableInbox[]; errors: { id: string; error: string }[] }> {
  const rows = await db.select().from(inboxes).where(eq(inboxes.disabled, false));
  const out: RunnableInbox[] = [];
  const errors: { id: string; error: string }[] = [];
  for (const row of rows) {
    const r = runnable(box, row);
    if (!r) continue;
    if ('error' in r) errors.push({ id: row.id, error: r.error });
    else out.push(r);
  }
  return { inboxes: out, errors };
}

function runnable(box: SecretBox, row: InboxRow): RunnableInbox | { error: string } | null {
  const definition = channelDefinition(row.channel);
  if (!definition?.creatable || row.disabled) return null;
  const parsed = definition.configSchema.safeParse(storedConfigInput(box, row));
  if (!parsed.success) return { error: `stored config is not usable (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}); was APP_SECRET changed?` };
  return { id: row.id, definition, config: parsed.data, version: `${row.updatedAt.getTime()}:${row.secretsEncrypted ?? ''}:${JSON.stringify(row.config)}` };
}
