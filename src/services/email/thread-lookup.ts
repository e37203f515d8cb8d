/**
 * What decideThread (channels/email/threading.ts) needs from the store: the conversations that
 * the Message-IDs in a mail's reply headers belong to, who took part in them, and which
 * conversation a reply+<token>@ address names.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { contactIdentities, conversations, emailReplyTokens, messages } from '../../../db/schema/index.js';
import type { KnownMessage } from '../../../channels/email/threading.js';
import { parseOwnMessageId } from '../../../channels/email/threading.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../ports.js';

type Reader = Db | Tx;

/** The header data stored on every email message (`meta.email`). */
export interface EmailMeta {
  messageId: string;
  inReplyTo?: string;
  references: string[];
  from: string;
  to: string[];
  cc: string[];
  replyTo: string[];
  subject: string;
}

export function readEmailMeta(meta: Record<string, unknown>): EmailMeta | null {
  const e = meta.email;
  if (typeof e !== 'object' || e === null) return null;
  const r = e as Record<string, unknown>;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  if (typeof r.messageId !== 'string') return null;
  return {
    messageId: r.messageId,
    inReplyTo: typeof r.inReplyTo === 'string' ? r.inReplyTo : undefined,
    references: strings(r.references),
    from: typeof r.from === 'string' ? r.from : '',
    to: strings(r.to),
    cc: strings(r.cc),
    replyTo: strings(r.replyTo),
    subject: typeof r.subject === 'string' ? r.subject : '',
  };
}

/**
 * Lower-case addresses that took part in each conversation: the owner's email identity and
 * everyone on From/To/Cc/Reply-To of the mail in it (they have read the thread already).
 * Our own mailbox address is left out: mail "from us" never proves participation.
 */
export async function participantsOf(db: Reader, conversationIds: string[], ownAddress: string): Promise<Map<string, string[]>> {
  const out = new Map<string, Set<string>>();
  if (conversationIds.length === 0) return new Map();
  for (const id of conversationIds) out.set(id, new Set());
  const owners = await db
    .select({ conversationId: conversations.id, address: contactIdentities.externalId })
    .from(conversations)
    .innerJoin(contactIdentities, and(eq(contactIdentities.contactId, conversations.contactId), eq(contactIdentities.channel, 'email')))
    .where(inArray(conversations.id, conversationIds));
  for (const o of owners) out.get(o.conversationId)?.add(o.address.toLowerCase());
  const rows = await db
    .select({ conversationId: messages.conversationId, meta: messages.meta })
    .from(messages)
    .where(and(inArray(messages.conversationId, conversationIds), eq(messages.direction, 'in')));
  for (const row of rows) {
    const e = readEmailMeta(row.meta);
    if (!e) continue;
    const set = out.get(row.conversationId);
    for (const a of [e.from, ...e.to, ...e.cc, ...e.replyTo]) if (a) set?.add(a.toLowerCase());
  }
  const own = ownAddress.toLowerCase();
  return new Map([...out].map(([id, set]) => [id, [...set].filter((a) => a !== own)]));
}

/**
 * Stored messages (ours and the owners') whose Message-ID is one of `ids`, in this inbox.
 * Our own ids also resolve by the conversation they name, for a reply that raced the
 * delivery worker's bookkeeping.
 */
export async function knownMessages(db: Reader, inboxId: string, ids: string[], ownAddress: string): Promise<KnownMessage[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ externalId: messages.externalId, conversationId: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.inboxId, inboxId), inArray(messages.externalId, ids)));
  const found = new Map<string, string>();
  for (const r of rows) if (r.externalId) found.set(r.externalId, r.conversationId);

  const own = ids.filter((id) => !found.has(id)).flatMap((id) => {
    const parsed = parseOwnMessageId(id);
    return parsed ? [{ id, conversationId: parsed.conversationId }] : [];
  });
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ownIds = own.filter((o) => uuid.test(o.conversationId));
  if (ownIds.length > 0) {
    const convs = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.inboxId, inboxId), inArray(conversations.id, ownIds.map((o) => o.conversationId))));
    const exists = new Set(convs.map((c) => c.id));
    for (const o of ownIds) if (exists.has(o.conversationId)) found.set(o.id, o.conversationId);
  }

  const participants = await participantsOf(db, [...new Set(found.values())], ownAddress);
  return [...found].map(([messageId, conversationId]) => ({ messageId, conversationId, participants: participants.get(conversationId) ?? [] }));
}

export async function conversationForToken(
  db: Reader,
  inboxId: string,
  token: string,
  ownAddress: string,
): Promise<{ token: string; conversationId: string; participants: string[] } | undefined> {
  const [row] = await db
    .select({ conversationId: emailReplyTokens.conversationId })
    .from(emailReplyTokens)
    .where(and(eq(emailReplyTokens.token, token), eq(emailReplyTokens.inboxId, inboxId)));
  if (!row) return undefined;
  const participants = await participantsOf(db, [row.conversationId], ownAddress);
  return { token, conversationId: row.conversationId, participants: participants.get(row.conversationId) ?? [] };
}
