/**
 * The thanks after an owner's rating invites a comment; the owner's next message (within a
 * day) is read as that comment. Found when a ticket is shown rather than on every inbound
 * message, so the intake path does no ticket work.
 */
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import { messages, ticketFollowUps } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../ports.js';

const WINDOW_MS = 24 * 3600_000;

export async function surveyCommentOf(db: Db | Tx, f: typeof ticketFollowUps.$inferSelect): Promise<string | null> {
  if (f.comment !== null || f.answeredVia === 'agent' || !f.answeredAt || !f.surveyConversationId) return f.comment;
  const [next] = await db
    .select({ content: messages.content })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, f.surveyConversationId),
        eq(messages.direction, 'in'),
        gt(messages.createdAt, f.answeredAt),
        lt(messages.createdAt, new Date(f.answeredAt.getTime() + WINDOW_MS)),
      ),
    )
    .orderBy(asc(messages.createdAt))
    .limit(1);
  const text = next?.content.trim();
  return text ? text.slice(0, 2000) : null;
}
