/**
 * Which of our replies a bounce or delay notice is about. By the returned Message-ID when
 * the notice carries one; otherwise (many MTAs return no headers, or only some) by the
 * recipient and the subject: the most recent reply of that inbox to that address under that
 * subject ("Re: …" or not) within a week.
 */
import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { conversations, messages } from '../../../db/schema/index.js';
import type { BounceInfo } from '../../../channels/email/auto-reply.js';
import { parseOwnMessageId } from '../../../channels/email/threading.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../ports.js';

/** How far back a notice without Message-ID may reach: MTAs give up on a mail within days. */
export const BOUNCE_MATCH_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
const CANDIDATES = 20;

/** Only a reply that went out (or is going) can bounce or be delayed. */
const OUT_STATUSES: ('sent' | 'sending')[] = ['sent', 'sending'];

const SUBJECT_PREFIX = /^\s*(re|fw|fwd|aw|wg|sv|vs|antw|tr|rv|回复|回覆|答复|答覆|转发|轉寄|轉發)\s*(\[\d+\])?\s*[:：]\s*/i;

/** `Re: 回复：报修 漏水` → `报修 漏水`: the subject without reply/forward prefixes, compared loosely. */
export function baseSubject(subject: string): string {
  let s = subject.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 10 && SUBJECT_PREFIX.test(s); i++) s = s.replace(SUBJECT_PREFIX, '');
  return s.toLowerCase();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ReplyMatch = { id: string; by: 'message-id' | 'recipient-subject' };

export async function findBouncedReply(db: Db | Tx, inboxId: string, bounce: BounceInfo, now: Date): Promise<ReplyMatch | null> {
  const originalId = bounce.originalMessageId;
  if (originalId) {
    const ownId = parseOwnMessageId(originalId)?.messageId;
    const own = ownId && UUID.test(ownId) ? ownId : null;
    const [row] = await db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.inboxId, inboxId),
          eq(messages.direction, 'out'),
          inArray(messages.deliveryStatus, OUT_STATUSES),
          own ? eq(messages.id, own) : eq(messages.externalId, originalId),
        ),
      );
    // A returned Message-ID that is not one of ours is not matched by subject either.
    return row ? { id: row.id, by: 'message-id' } : null;
  }

  const recipient = bounce.recipient?.trim().toLowerCase();
  const subject = bounce.originalSubject ? baseSubject(bounce.originalSubject) : '';
  if (!recipient || subject === '') return null;

  // The reply went to the owner's address or to the Reply-To of one of their mails.
  const toRecipient = sql`(EXISTS (SELECT 1 FROM contact_identities ci
      WHERE ci.contact_id = ${conversations.contactId} AND ci.channel = 'email' AND lower(ci.external_id) = ${recipient})
    OR EXISTS (SELECT 1 FROM messages m_in
      WHERE m_in.conversation_id = ${conversations.id} AND m_in.direction = 'in'
        AND (m_in.meta -> 'email' -> 'replyTo' @> jsonb_build_array(${recipient}::text)
          OR lower(m_in.meta -> 'email' ->> 'from') = ${recipient})))`;

  const rows = await db
    .select({ id: messages.id, subject: conversations.subject })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.inboxId, inboxId),
        eq(messages.direction, 'out'),
        eq(messages.private, false),
        inArray(messages.deliveryStatus, OUT_STATUSES),
        gte(messages.createdAt, new Date(now.getTime() - BOUNCE_MATCH_WINDOW_MS)),
        toRecipient,
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(CANDIDATES);
  const match = rows.find((r) => r.subject !== null && baseSubject(r.subject) === subject);
  return match ? { id: match.id, by: 'recipient-subject' } : null;
}
