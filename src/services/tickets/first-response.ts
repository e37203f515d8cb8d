/**
 * The first response to a ticket is the first public reply an agent wrote in one of its
 * conversations after the SLA clock started (or the ticket moving to "in progress"). Replies
 * are found when needed instead of hooking every send, so the message path stays unaware of tickets.
 */
import { and, eq, gte, inArray, min } from 'drizzle-orm';
import { messages, ticketConversations, tickets } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../ports.js';
import type { TicketRow } from './timing.js';

/** For tickets still waiting for a first response: when an agent replied, if they did. */
export async function detectFirstResponses(db: Db | Tx, rows: readonly TicketRow[]): Promise<Map<string, Date>> {
  const waiting = rows.filter((r) => !r.firstRespondedAt && r.firstResponseDueAt);
  const found = new Map<string, Date>();
  if (waiting.length === 0) return found;
  const replies = await db
    .select({ ticketId: ticketConversations.ticketId, at: min(messages.createdAt) })
    .from(ticketConversations)
    .innerJoin(tickets, eq(tickets.id, ticketConversations.ticketId))
    .innerJoin(messages, eq(messages.conversationId, ticketConversations.conversationId))
    .where(
      and(
        inArray(ticketConversations.ticketId, waiting.map((r) => r.id)),
        eq(messages.senderType, 'agent'),
        eq(messages.private, false),
        gte(messages.createdAt, tickets.slaStartedAt),
      ),
    )
    .groupBy(ticketConversations.ticketId);
  for (const r of replies) if (r.at) found.set(r.ticketId, r.at);
  return found;
}
