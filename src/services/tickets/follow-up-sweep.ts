/**
 * Follow-up timers, run by the same sweep as the SLA checks: a visit that fell due is
 * announced to the accountable agent once; a survey left unanswered past its limit closes
 * the ticket as "no feedback".
 */
import { and, asc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { ticketFollowUps, tickets, users } from '../../../db/schema/index.js';
import type { ServiceDeps, StoredEvent } from '../ports.js';
import { changeTicket } from './change-ticket.js';
import { notifyFollowUpDue } from './escalate.js';
import { recordTicketEvent } from './ticket-events.js';

const BATCH = 200;

export async function sweepFollowUpsDue(deps: ServiceDeps, now: Date): Promise<number> {
  const due = await deps.db
    .select({ id: ticketFollowUps.id })
    .from(ticketFollowUps)
    .where(and(lte(ticketFollowUps.dueAt, now), isNull(ticketFollowUps.dueNotifiedAt), isNull(ticketFollowUps.completedAt)))
    .orderBy(asc(ticketFollowUps.dueAt))
    .limit(BATCH);
  let n = 0;
  for (const { id } of due) {
    const events = await deps.db.transaction(async (tx) => {
      // The conditional update is the claim: a second sweep finds nothing left to announce.
      const [f] = await tx
        .update(ticketFollowUps)
        .set({ dueNotifiedAt: now })
        .where(and(eq(ticketFollowUps.id, id), isNull(ticketFollowUps.dueNotifiedAt)))
        .returning();
      if (!f) return [];
      const [row] = await tx.select().from(tickets).where(eq(tickets.id, f.ticketId));
      if (!row) return [];
      const [agent] = f.agentId ? await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, f.agentId)) : [];
      await notifyFollowUpDue(tx, row, agent ?? null, now);
      return [(await recordTicketEvent(tx, 'ticket.updated', row.id, now, { followUpDue: true, agentId: f.agentId })).event];
    });
    if (events.length > 0) n++;
    deps.bus.publish(events);
  }
  return n;
}

export async function sweepNoFeedback(deps: ServiceDeps, now: Date): Promise<number> {
  const expired = await deps.db
    .select({ id: ticketFollowUps.id })
    .from(ticketFollowUps)
    .where(and(isNotNull(ticketFollowUps.noFeedbackCloseAt), lte(ticketFollowUps.noFeedbackCloseAt, now), isNull(ticketFollowUps.answeredAt), isNull(ticketFollowUps.outcome)))
    .limit(BATCH);
  let n = 0;
  for (const { id } of expired) {
    const { events, deliveries } = await deps.db.transaction(async (tx) => {
      const [f] = await tx
        .update(ticketFollowUps)
        .set({ outcome: 'no_feedback' })
        .where(and(eq(ticketFollowUps.id, id), isNull(ticketFollowUps.outcome), isNull(ticketFollowUps.answeredAt)))
        .returning();
      if (!f) return { events: [] as StoredEvent[], deliveries: [] as string[] };
      const [row] = await tx.select().from(tickets).where(eq(tickets.id, f.ticketId)).for('update');
      // Only a ticket still waiting for the owner closes; one reopened meanwhile stays open.
      if (!row || (row.status !== 'resolved' && row.status !== 'followed_up')) return { events: [], deliveries: [] };
      const r = await changeTicket(tx, deps, row, { status: 'closed', closeReason: 'no_feedback', note: 'no survey answer' }, { type: 'system', id: null }, now);
      return { events: r.events, deliveries: r.deliveries };
    });
    if (events.length > 0) n++;
    deps.bus.publish(events);
    for (const m of deliveries) await deps.jobs.enqueueDelivery(m);
  }
  return n;
}
