/** The tickets module as the workspace's TicketPort (canned-reply variables, contact sidebar, contact merges). */
import { desc, eq, inArray } from 'drizzle-orm';
import { ticketConversations, tickets } from '../../../db/schema/index.js';
import type { TicketPort, TicketSummary } from '../workspace/ticket-port.js';

const summary = (t: typeof tickets.$inferSelect): TicketSummary => ({
  id: t.id,
  number: t.number,
  status: t.status,
  dueAt: t.resolutionDueAt?.toISOString() ?? null,
  conversationId: t.originConversationId,
});

export const ticketPort: TicketPort = {
  async latestForConversation(db, conversationId) {
    const [row] = await db
      .select({ t: tickets })
      .from(ticketConversations)
      .innerJoin(tickets, eq(tickets.id, ticketConversations.ticketId))
      .where(eq(ticketConversations.conversationId, conversationId))
      .orderBy(desc(tickets.createdAt))
      .limit(1);
    return row ? summary(row.t) : null;
  },
  async listForContact(db, contactId) {
    return (await db.select().from(tickets).where(eq(tickets.contactId, contactId)).orderBy(desc(tickets.createdAt)).limit(100)).map(summary);
  },
  async moveContact(tx, fromContactId, toContactId) {
    const moved = await tx.update(tickets).set({ contactId: toContactId }).where(eq(tickets.contactId, fromContactId)).returning({ id: tickets.id });
    return moved.map((m) => m.id);
  },
  async restoreContact(tx, ticketIds, contactId) {
    if (ticketIds.length === 0) return;
    await tx.update(tickets).set({ contactId }).where(inArray(tickets.id, ticketIds));
  },
};
