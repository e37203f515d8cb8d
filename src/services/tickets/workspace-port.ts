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
  async historyForContacts(db, contactIds, limit) {
    if (contactIds.length === 0) return [];
    const rows = await db
      .select({ id: tickets.id, number: tickets.number, status: tickets.status, summary: tickets.summary, createdAt: tickets.createdAt })
      .from(tickets)
      .where(inArray(tickets.contactId, contactIds))
      .orderBy(desc(tickets.createdAt), desc(tickets.number))
      .limit(limit);
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
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
