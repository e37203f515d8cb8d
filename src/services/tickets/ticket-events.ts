/** Ticket events, written in the caller's transaction like every other event. */
import { eq } from 'drizzle-orm';
import { conversations } from '../../../db/schema/index.js';
import type { StoredEvent, Tx } from '../ports.js';
import { recordEvent } from '../record-event.js';
import { loadTicketView, type TicketView } from './ticket-views.js';

export type TicketEventType = 'ticket.created' | 'ticket.updated' | 'ticket.escalated';

/**
 * Records a ticket event about the ticket as it now is. The subject is the owner's
 * conversation, so the gateway and the catch-up endpoint show it to whoever may read that
 * conversation.
 */
export async function recordTicketEvent(
  tx: Tx,
  type: TicketEventType,
  ticketId: string,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<{ event: StoredEvent; view: TicketView }> {
  const view = await loadTicketView(tx, ticketId, now);
  if (!view) throw new Error(`ticket ${ticketId} vanished inside its own transaction`);
  let inboxId: string | null = null;
  if (view.originConversationId) {
    const [conv] = await tx.select({ inboxId: conversations.inboxId }).from(conversations).where(eq(conversations.id, view.originConversationId));
    inboxId = conv?.inboxId ?? null;
  }
  const event = await recordEvent(tx, type, { conversationId: view.originConversationId, inboxId }, { ...extra, ticketId, ticket: view });
  return { event, view };
}
