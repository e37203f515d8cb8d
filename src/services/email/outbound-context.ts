/**
 * The email channel's outbound port (channels/email/port.ts): who a reply goes to, what it
 * answers (In-Reply-To/References from the owner's latest mail), the agent's name, the
 * conversation's reply token and the attached files.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { contactIdentities, contacts, conversations, emailReplyTokens, messages, users } from '../../../db/schema/index.js';
import type { EmailReplyContext } from '../../../channels/email/port.js';
import type { ServiceDeps } from '../ports.js';
import { readEmailMeta } from './thread-lookup.js';

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Lower case only: some servers lower-case the local part on the way back. */
function newToken(): string {
  return [...randomBytes(16)].map((b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join('');
}

async function replyToken(deps: Pick<ServiceDeps, 'db'>, inboxId: string, conversationId: string): Promise<string> {
  await deps.db.insert(emailReplyTokens).values({ conversationId, inboxId, token: newToken() }).onConflictDoNothing({ target: emailReplyTokens.conversationId });
  const [row] = await deps.db.select({ token: emailReplyTokens.token }).from(emailReplyTokens).where(eq(emailReplyTokens.conversationId, conversationId));
  if (!row) throw new Error('reply token vanished');
  return row.token;
}

export async function emailReplyContext(
  deps: Pick<ServiceDeps, 'db'>,
  input: { inboxId: string; conversationId: string; messageId: string; wantReplyToken: boolean },
): Promise<EmailReplyContext | null> {
  const { db } = deps;
  const [message] = await db.select().from(messages).where(eq(messages.id, input.messageId));
  const [conv] = await db
    .select({ subject: conversations.subject, contactId: conversations.contactId, contactName: contacts.name })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(conversations.id, input.conversationId));
  if (!message || !conv) return null;

  // The mail we answer: the owner's latest one (replies go to its Reply-To, else its From).
  const inbound = await db
    .select({ meta: messages.meta })
    .from(messages)
    .where(and(eq(messages.conversationId, input.conversationId), eq(messages.direction, 'in')))
    .orderBy(desc(messages.createdAt))
    .limit(20);
  const parent = inbound.map((m) => readEmailMeta(m.meta)).find((m) => m !== null) ?? null;
  let address = parent ? (parent.replyTo[0] ?? parent.from) : '';
  if (!address) {
    const [identity] = await db
      .select({ externalId: contactIdentities.externalId })
      .from(contactIdentities)
      .where(and(eq(contactIdentities.contactId, conv.contactId), eq(contactIdentities.channel, 'email')));
    address = identity?.externalId ?? '';
  }
  if (!address) return null;

  let senderName = '';
  if (message.senderType === 'agent' && message.senderId) {
    const [u] = await db.select({ name: users.name }).from(users).where(eq(users.id, message.senderId));
    senderName = u?.name ?? '';
  }

  return {
    to: [{ name: conv.contactName, address }],
    subject: conv.subject ?? parent?.subject ?? null,
    inReplyTo: parent?.messageId,
    references: parent?.references ?? [],
    senderName,
    replyToken: input.wantReplyToken ? await replyToken(deps, input.inboxId, input.conversationId) : null,
  };
}
