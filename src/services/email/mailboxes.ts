/**
 * Mailboxes are inboxes of channel `email`: what is safe to show lives in `inboxes.config`,
 * the IMAP/SMTP passwords in `inboxes.secrets_encrypted` (AES-256-GCM, key from APP_SECRET,
 * bound to the inbox id). The API never returns a password, only whether one is set.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { conversations, inboxes } from '../../../db/schema/index.js';
import { mailboxConfigSchema, mailboxSecretsSchema, type MailboxConfig, type MailboxSecrets, type MailboxSettings } from '../../../channels/email/config.js';
import type { Db } from '../../../db/client.js';
import type { Logger } from '../../logger.js';
import type { SecretBox } from '../secret-box.js';

export type MailboxSource = 'env' | 'api';

export interface MailboxView {
  id: string;
  name: string;
  from: { name: string; address: string };
  imap: { host: string; port: number; secure: boolean; user: string; folder: string; passwordSet: boolean };
  smtp: { host: string; port: number; secure: boolean; user: string | null; passwordSet: boolean };
  plusAddressing: boolean;
  /** The first mail of a new conversation gets an automatic acknowledgement. */
  acknowledge: boolean;
  enabled: boolean;
  /** `env`: configured by IMAP_… and SMTP_… variables, changed there, not through the API. */
  source: MailboxSource;
  createdAt: string;
}

export interface MailboxInput {
  name?: string;
  from: { name?: string; address: string };
  imap: { host: string; port?: number; secure?: boolean; user: string; password: string; folder?: string };
  smtp: { host: string; port?: number; secure?: boolean; user?: string | null; password?: string | null };
  plusAddressing?: boolean;
  acknowledge?: boolean;
  enabled?: boolean;
}

export interface MailboxPatch {
  name?: string;
  from?: { name?: string; address?: string };
  imap?: { host?: string; port?: number; secure?: boolean; user?: string; password?: string; folder?: string };
  /** `password: null` removes the SMTP password; leaving it out keeps it. */
  smtp?: { host?: string; port?: number; secure?: boolean; user?: string | null; password?: string | null };
  plusAddressing?: boolean;
  acknowledge?: boolean;
  enabled?: boolean;
}

export class MailboxExists extends Error {}
export class MailboxFromEnv extends Error {}
export class MailboxInUse extends Error {}

type InboxRow = typeof inboxes.$inferSelect;

const context = (inboxId: string): string => `inbox:${inboxId}`;

function storedConfig(row: InboxRow): (MailboxConfig & { source: MailboxSource }) | null {
  const parsed = mailboxConfigSchema.safeParse(row.config);
  if (!parsed.success) return null;
  return { ...parsed.data, source: row.config.source === 'env' ? 'env' : 'api' };
}

function openSecrets(box: SecretBox, row: InboxRow): MailboxSecrets | null {
  if (!row.secretsEncrypted) return null;
  const parsed = mailboxSecretsSchema.safeParse(JSON.parse(box.open(row.secretsEncrypted, context(row.id))));
  return parsed.success ? parsed.data : null;
}

function toView(row: InboxRow, config: MailboxConfig & { source: MailboxSource }, secrets: MailboxSecrets | null): MailboxView {
  return {
    id: row.id,
    name: row.name,
    from: config.from,
    imap: { ...config.imap, passwordSet: Boolean(secrets?.imapPassword) },
    smtp: { ...config.smtp, passwordSet: Boolean(secrets?.smtpPassword) },
    plusAddressing: config.plusAddressing,
    acknowledge: config.acknowledge,
    enabled: config.enabled,
    source: config.source,
    createdAt: row.createdAt.toISOString(),
  };
}

function viewOf(box: SecretBox, row: InboxRow): MailboxView | null {
  const config = storedConfig(row);
  if (!config) return null;
  let secrets: MailboxSecrets | null = null;
  try {
    secrets = openSecrets(box, row);
  } catch {
    // Shown as "no password set", so the admin enters it again.
  }
  return toView(row, config, secrets);
}

export async function listMailboxes(db: Db, box: SecretBox): Promise<MailboxView[]> {
  const rows = await db.select().from(inboxes).where(eq(inboxes.channel, 'email')).orderBy(asc(inboxes.name));
  return rows.flatMap((r) => viewOf(box, r) ?? []);
}

export async function getMailbox(db: Db, box: SecretBox, id: string): Promise<MailboxView | null> {
  const [row] = await db.select().from(inboxes).where(and(eq(inboxes.id, id), eq(inboxes.channel, 'email')));
  return row ? viewOf(box, row) : null;
}

function isUniqueViolation(err: unknown): boolean {
  for (let cur: unknown = err, i = 0; cur && typeof cur === 'object' && i < 4; cur = (cur as { cause?: unknown }).cause, i++) {
    if ((cur as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export async function createMailbox(db: Db, box: SecretBox, input: MailboxInput, source: MailboxSource = 'api'): Promise<MailboxView> {
  const config = mailboxConfigSchema.parse(input);
  const secrets: MailboxSecrets = { imapPassword: input.imap.password, smtpPassword: input.smtp.password ?? null };
  const id = randomUUID();
  try {
    const [row] = await db
      .insert(inboxes)
      .values({
        id,
        channel: 'email',
        accountKey: config.from.address,
        name: input.name?.trim() || config.from.name || config.from.address,
        config: { ...config, source },
        secretsEncrypted: box.seal(JSON.stringify(secrets), context(id)),
      })
      .returning();
    if (!row) throw new Error('inbox insert returned nothing');
    return toView(row, { ...config, source }, secrets);
  } catch (err) {
    if (isUniqueViolation(err)) throw new MailboxExists(`a mailbox for ${config.from.address} exists already`);
    throw err;
  }
}

export async function updateMailbox(db: Db, box: SecretBox, id: string, patch: MailboxPatch): Promise<MailboxView | null> {
  const [row] = await db.select().from(inboxes).where(and(eq(inboxes.id, id), eq(inboxes.channel, 'email')));
  if (!row) return null;
  const current = storedConfig(row);
  if (!current) return null;
  if (current.source === 'env') throw new MailboxFromEnv('this mailbox is configured by environment variables; change them instead');
  let secrets: MailboxSecrets = { imapPassword: '', smtpPassword: null };
  try {
    secrets = openSecrets(box, row) ?? secrets;
  } catch {
    // Unreadable (APP_SECRET changed): the patch has to bring new passwords.
  }
  const config = mailboxConfigSchema.parse({
    ...current,
    ...(patch.plusAddressing !== undefined ? { plusAddressing: patch.plusAddressing } : {}),
    ...(patch.acknowledge !== undefined ? { acknowledge: patch.acknowledge } : {}),
    ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    from: { ...current.from, ...patch.from },
    imap: { ...current.imap, ...withoutPassword(patch.imap) },
    smtp: { ...current.smtp, ...withoutPassword(patch.smtp) },
  });
  if (patch.imap?.password !== undefined) secrets.imapPassword = patch.imap.password;
  if (patch.smtp?.password !== undefined) secrets.smtpPassword = patch.smtp.password;
  try {
    const [updated] = await db
      .update(inboxes)
      .set({
        accountKey: config.from.address,
        name: patch.name?.trim() || row.name,
        config: { ...config, source: 'api' },
        secretsEncrypted: box.seal(JSON.stringify(secrets), context(id)),
      })
      .where(eq(inboxes.id, id))
      .returning();
    return updated ? toView(updated, { ...config, source: 'api' }, secrets) : null;
  } catch (err) {
    if (isUniqueViolation(err)) throw new MailboxExists(`a mailbox for ${config.from.address} exists already`);
    throw err;
  }
}

function withoutPassword<T extends { password?: unknown }>(part: T | undefined): Omit<T, 'password'> | Record<string, never> {
  if (!part) return {};
  const { password: _password, ...rest } = part;
  return rest;
}

/** Only a mailbox without conversations can go; otherwise disable it (`enabled: false`). */
export async function deleteMailbox(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select().from(inboxes).where(and(eq(inboxes.id, id), eq(inboxes.channel, 'email')));
  if (!row) return false;
  if (row.config.source === 'env') throw new MailboxFromEnv('this mailbox is configured by environment variables');
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(conversations).where(eq(conversations.inboxId, id));
  if (n > 0) throw new MailboxInUse('the mailbox has conversations; disable it instead');
  await db.delete(inboxes).where(eq(inboxes.id, id));
  return true;
}

/** The start-up mailbox from IMAP_… and SMTP_…/EMAIL_FROM: created or brought up to date. */
export async function ensureEnvMailbox(db: Db, box: SecretBox, input: MailboxInput): Promise<string> {
  const config = mailboxConfigSchema.parse(input);
  const secrets: MailboxSecrets = { imapPassword: input.imap.password, smtpPassword: input.smtp.password ?? null };
  const name = input.name?.trim() || config.from.name || config.from.address;
  const [row] = await db
    .insert(inboxes)
    .values({ id: randomUUID(), channel: 'email', accountKey: config.from.address, name, config: { ...config, source: 'env' } })
    .onConflictDoUpdate({ target: [inboxes.channel, inboxes.accountKey], set: { config: { ...config, source: 'env' }, name } })
    .returning({ id: inboxes.id });
  if (!row) throw new Error('inbox upsert returned nothing');
  await db.update(inboxes).set({ secretsEncrypted: box.seal(JSON.stringify(secrets), context(row.id)) }).where(eq(inboxes.id, row.id));
  return row.id;
}

/** What the watchers and senders run with: every enabled mailbox whose passwords open. */
export async function loadMailboxSettings(db: Db, box: SecretBox, maxAttachmentBytes: number, logger: Logger): Promise<MailboxSettings[]> {
  const rows = await db.select().from(inboxes).where(eq(inboxes.channel, 'email'));
  const out: MailboxSettings[] = [];
  for (const row of rows) {
    const config = storedConfig(row);
    if (!config || !config.enabled) continue;
    try {
      const secrets = openSecrets(box, row);
      if (!secrets) throw new Error('no stored passwords');
      out.push({ ...config, inboxId: row.id, secrets, maxAttachmentBytes });
    } catch (err) {
      logger.error('mailbox skipped: its passwords cannot be read', { inboxId: row.id, err });
    }
  }
  return out;
}
