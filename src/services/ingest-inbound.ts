/**
 * ingestInbound: the one way an owner's message enters Huixin. Everything happens in one
 * transaction (contact, conversation, message, events); events are published only after
 * the commit, and a redelivered message is a no-op, not an error.
 */
import { and, eq, sql } from 'drizzle-orm';
import { contactIdentities, contacts, conversations, messages, users } from '../../db/schema/index.js';
import type { Inbound, InboundAuthor, InboundMessage } from '../../channels/types.js';
import { openKeyFor, previewOf } from '../domain/conversation.js';
import type { ServiceDeps, StoredEvent, Tx } from './ports.js';
import { recordEvent, recordEvents } from './record-event.js';
import { fastIngest } from './ingest-fast-path.js';
import { toConversationView, toMessageView, toMessageViews } from './views.js';

/** Where a message goes: by default one open conversation per thread key (a Telegram chat). */
export type Placement = { mode: 'thread' } | { mode: 'join'; conversationId: string } | { mode: 'new' };

export interface IngestResult {
  duplicate: boolean;
  conversationId: string | null;
  messageId: string | null;
  contactId: string | null;
  conversationCreated: boolean;
}

/** Thrown inside the transaction to roll back a duplicate's side effects. */
class DuplicateDelivery extends Error {}

export interface IngestHooks {
  /** Runs in the same transaction after a new message is stored (e.g. queue the /start welcome). */
  afterMessage?: (tx: Tx, ctx: { conversationId: string; messageId: string; message: InboundMessage }) => Promise<StoredEvent[]>;
}

export async function ingestInbound(
  deps: ServiceDeps,
  inbound: Inbound,
  placement: Placement = { mode: 'thread' },
  hooks: IngestHooks = {},
): Promise<IngestResult> {
  switch (inbound.kind) {
    case 'message':
      return ingestMessage(deps, inbound, placement, hooks);
    case 'edit':
      return ingestEdit(deps, inbound);
    case 'blocked':
    case 'unblocked':
      await setBlocked(deps, inbound.channel, inbound.author, inbound.kind === 'blocked');
      return { duplicate: false, conversationId: null, messageId: null, contactId: null, conversationCreated: false };
    case 'callback':
      // Button presses carry no conversation content; features that use them (surveys) handle them.
      return { duplicate: false, conversationId: null, messageId: null, contactId: null, conversationCreated: false };
  }
}

async function ingestMessage(deps: ServiceDeps, msg: InboundMessage, placement: Placement, hooks: IngestHooks): Promise<IngestResult> {
  const now = deps.clock.now();
  const preview = previewOf(msg.text, msg.contentType);
  const meta = { ...(msg.meta ?? {}), ...(msg.command ? { command: msg.command } : {}), sentAt: msg.sentAt.toISOString() };
  // The hot path of every webhook: a known owner writing into their open conversation is one
  // statement. A hook needs a transaction of its own, so it takes the general path.
  if (placement.mode === 'thread' && !hooks.afterMessage) {
    const fast = await fastIngest(deps.db, { msg, now, preview, meta });
    if (fast) {
      deps.bus.publish(fast.events);
      return { duplicate: false, conversationId: fast.conversationId, messageId: fast.messageId, contactId: fast.contactId, conversationCreated: false };
    }
  }
  const published: StoredEvent[] = [];
  try {
    const result = await deps.db.transaction(async (tx) => {
      const stored = await ingestGeneral(tx, msg, placement, { now, preview, meta });
      const { message: row, conversation: conv, contactName, assigneeName, created } = stored;
      const conversationId = conv.id;
      const contactId = row.senderId as string;
      const convView = toConversationView({ c: conv, contactName, assigneeName });
      const messageView = toMessageView(row, contactName);
      const subject = { conversationId, inboxId: msg.inboxId };
      published.push(
        ...(await recordEvents(tx, [
          { ...subject, type: created ? 'conversation.created' : 'conversation.updated', payload: { conversation: convView }, at: now },
          { ...subject, type: 'message.created', payload: { message: messageView } },
        ])),
      );
      if (hooks.afterMessage) published.push(...(await hooks.afterMessage(tx, { conversationId, messageId: row.id, message: msg })));
      return { duplicate: false, conversationId, messageId: row.id, contactId, conversationCreated: created };
    });
    deps.bus.publish(published);
    return result;
  } catch (err) {
    if (err instanceof DuplicateDelivery) {
      deps.logger.debug('duplicate inbound message ignored', { inboxId: msg.inboxId, externalId: msg.externalId });
      return { duplicate: true, conversationId: null, messageId: null, contactId: null, conversationCreated: false };
    }
    throw err;
  }
}

interface GeneralResult {
  message: typeof messages.$inferSelect;
  conversation: typeof conversations.$inferSelect;
  contactName: string;
  assigneeName: string | null;
  created: boolean;
}

/** Every other case: first contact, renamed owner, no open conversation, email placement. */
async function ingestGeneral(
  tx: Tx,
  msg: InboundMessage,
  placement: Placement,
  values: { now: Date; preview: string; meta: Record<string, unknown> },
): Promise<GeneralResult> {
  const known = await lookupIdentity(tx, msg, placement);
  const contactId = known?.contactId ?? (await upsertContact(tx, msg.channel, msg.author));
  const contactName = known?.contactName ?? msg.author.name;
  const { conversationId, created } =
    known?.openConversationId && placement.mode === 'thread'
      ? { conversationId: known.openConversationId, created: false }
      : await findOrOpenConversation(tx, msg, contactId, placement, values.now);
  const [row] = await tx
    .insert(messages)
    .values({
      conversationId,
      inboxId: msg.inboxId,
      direction: 'in',
      senderType: 'contact',
      senderId: contactId,
      content: msg.text,
      contentType: msg.contentType,
      html: msg.html ?? null,
      attachments: msg.attachments,
      meta: values.meta,
      externalId: msg.externalId,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .onConflictDoNothing({ target: [messages.inboxId, messages.externalId] })
    .returning();
  if (!row) throw new DuplicateDelivery();
  const [conv] = await tx
    .update(conversations)
    .set({
      // Same changes as the fast path's statement: pending → open, snooze ends, one more unread.
      status: sql`case when ${conversations.status} = 'pending' then 'open' else ${conversations.status} end`,
      lastMessageAt: values.now,
      lastMessagePreview: values.preview,
      lastMessageDirection: 'in',
      unreadCount: sql`${conversations.unreadCount} + 1`,
      snoozedUntil: null,
      updatedAt: values.now,
    })
    .where(eq(conversations.id, conversationId))
    .returning();
  if (!conv) throw new Error('conversation vanished during ingest');
  const assigneeName = conv.assigneeId ? await userName(tx, conv.assigneeId) : null;
  return { message: row, conversation: conv, contactName, assigneeName, created };
}

/**
 * Who wrote and which conversation is open for the thread, in one query. Null for a first
 * contact; a changed display name is refreshed by upsertContact.
 */
async function lookupIdentity(tx: Tx, msg: InboundMessage, placement: Placement) {
  const [row] = await tx
    .select({
      contactId: contactIdentities.contactId,
      displayName: contactIdentities.displayName,
      contactName: contacts.name,
      openConversationId: conversations.id,
    })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .leftJoin(
      conversations,
      placement.mode === 'thread' ? and(eq(conversations.inboxId, msg.inboxId), eq(conversations.openKey, msg.threadKey)) : sql`false`,
    )
    .where(and(eq(contactIdentities.channel, msg.channel), eq(contactIdentities.externalId, msg.author.externalId)))
    .limit(1);
  if (!row || row.displayName !== msg.author.name) return null;
  return row;
}

async function userName(tx: Tx, id: string): Promise<string | null> {
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, id));
  return u?.name ?? null;
}

/** Finds the contact behind a channel identity, creating both on first contact. */
export async function upsertContact(tx: Tx, channel: string, author: InboundAuthor): Promise<string> {
  const [existing] = await tx
    .select({ contactId: contactIdentities.contactId, displayName: contactIdentities.displayName, username: contactIdentities.username })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.channel, channel), eq(contactIdentities.externalId, author.externalId)));
  if (existing) {
    if (existing.displayName !== author.name || (author.username && existing.username !== author.username)) {
      await tx
        .update(contactIdentities)
        .set({ displayName: author.name, username: author.username ?? existing.username })
        .where(and(eq(contactIdentities.channel, channel), eq(contactIdentities.externalId, author.externalId)));
    }
    return existing.contactId;
  }
  const [contact] = await tx
    .insert(contacts)
    .values({ name: author.name || author.username || author.externalId, email: author.email ?? null })
    .returning({ id: contacts.id });
  if (!contact) throw new Error('contact insert returned nothing');
  const [identity] = await tx
    .insert(contactIdentities)
    .values({ contactId: contact.id, channel, externalId: author.externalId, username: author.username ?? null, displayName: author.name })
    .onConflictDoNothing({ target: [contactIdentities.channel, contactIdentities.externalId] })
    .returning({ contactId: contactIdentities.contactId });
  if (identity) return identity.contactId;
  // Another delivery created the identity first: use its contact, drop ours.
  await tx.delete(contacts).where(eq(contacts.id, contact.id));
  const [winner] = await tx
    .select({ contactId: contactIdentities.contactId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.channel, channel), eq(contactIdentities.externalId, author.externalId)));
  if (!winner) throw new Error('contact identity vanished');
  return winner.contactId;
}

async function findOrOpenConversation(
  tx: Tx,
  msg: InboundMessage,
  contactId: string,
  placement: Placement,
  now: Date,
): Promise<{ conversationId: string; created: boolean }> {
  if (placement.mode === 'join') return { conversationId: placement.conversationId, created: false };
  const base = {
    inboxId: msg.inboxId,
    contactId,
    channel: msg.channel,
    subject: msg.subject ?? null,
    threadKey: msg.threadKey,
    // The service's clock, like the message's: reports measure from this instant.
    createdAt: now,
    updatedAt: now,
  };
  if (placement.mode === 'new') {
    const [row] = await tx.insert(conversations).values({ ...base, openKey: null }).returning({ id: conversations.id });
    if (!row) throw new Error('conversation insert returned nothing');
    return { conversationId: row.id, created: true };
  }
  const found = await openConversationFor(tx, msg.inboxId, msg.threadKey);
  if (found) return { conversationId: found, created: false };
  const [row] = await tx
    .insert(conversations)
    .values({ ...base, openKey: openKeyFor('open', msg.threadKey) })
    .onConflictDoNothing({ target: [conversations.inboxId, conversations.openKey] })
    .returning({ id: conversations.id });
  if (row) return { conversationId: row.id, created: true };
  const raced = await openConversationFor(tx, msg.inboxId, msg.threadKey);
  if (!raced) throw new Error('open conversation vanished');
  return { conversationId: raced, created: false };
}

async function openConversationFor(tx: Tx, inboxId: string, threadKey: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.inboxId, inboxId), eq(conversations.openKey, threadKey)))
    .limit(1);
  return row?.id ?? null;
}

async function ingestEdit(deps: ServiceDeps, edit: Extract<Inbound, { kind: 'edit' }>): Promise<IngestResult> {
  const published: StoredEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({ content: edit.text, edited: true, updatedAt: deps.clock.now() })
      .where(and(eq(messages.inboxId, edit.inboxId), eq(messages.externalId, edit.externalId), eq(messages.direction, 'in')))
      .returning();
    if (!row) return null;
    const [view] = await toMessageViews(tx, [row]);
    published.push(await recordEvent(tx, 'message.updated', { conversationId: row.conversationId, inboxId: row.inboxId }, { message: view }));
    return row;
  });
  if (!result) {
    // An edit of a message we never stored (sent before the bot was connected): nothing to update.
    deps.logger.info('edit for unknown message ignored', { inboxId: edit.inboxId, externalId: edit.externalId });
    return { duplicate: false, conversationId: null, messageId: null, contactId: null, conversationCreated: false };
  }
  deps.bus.publish(published);
  return { duplicate: false, conversationId: result.conversationId, messageId: result.id, contactId: null, conversationCreated: false };
}

export async function setBlocked(deps: ServiceDeps, channel: string, author: InboundAuthor, blocked: boolean): Promise<void> {
  await deps.db
    .update(contactIdentities)
    .set({ blocked })
    .where(and(eq(contactIdentities.channel, channel), eq(contactIdentities.externalId, author.externalId)));
}
