/**
 * One conversation may have several tickets, and a ticket may gather several conversations:
 * link one more, merge a duplicate ticket into this one, or split conversations off into a
 * ticket of their own. Each names the version of the ticket it changes.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { conversations, ticketConversations, tickets, ticketStatusChanges } from '../../../db/schema/index.js';
import { canReadConversation, type Principal } from '../../domain/permissions.js';
import { isResolved, type TicketCategory, type TicketPriority, type TicketStatus } from '../../domain/tickets/index.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { insertTicket } from './create-ticket.js';
import { isUuid, TicketError } from './errors.js';
import { recordTicketEvent } from './ticket-events.js';
import type { TicketView } from './ticket-views.js';
import { assertMayWorkTicket, lockTicket, mayWorkTicket } from './update-ticket.js';
import { canReadTicket } from './ticket-queries.js';
import type { TicketRow } from './timing.js';

async function lockForChange(tx: Tx, user: Principal & { id: string }, id: string, version: number): Promise<TicketRow> {
  const row = await lockTicket(tx, id);
  if (!row) throw new TicketError('not_found', 'ticket not found');
  await assertMayWorkTicket(tx, user, row);
  if (row.version !== version) throw new TicketError('stale_version', `version ${version} is stale; the ticket is at version ${row.version}`, { currentVersion: row.version });
  return row;
}

async function bump(tx: Tx, row: TicketRow, now: Date, patch: Partial<TicketRow> = {}): Promise<void> {
  await tx.update(tickets).set({ ...patch, version: row.version + 1, updatedAt: now }).where(eq(tickets.id, row.id));
}

async function run(deps: ServiceDeps, work: (tx: Tx) => Promise<{ view: TicketView; events: StoredEvent[]; deliveries?: string[] }>): Promise<TicketView> {
  const r = await deps.db.transaction(work);
  deps.bus.publish(r.events);
  for (const id of r.deliveries ?? []) await deps.jobs.enqueueDelivery(id);
  return r.view;
}

export async function linkConversation(deps: ServiceDeps, user: Principal & { id: string }, id: string, input: { conversationId: string; version: number }): Promise<TicketView> {
  const now = deps.clock.now();
  return run(deps, async (tx) => {
    const row = await lockForChange(tx, user, id, input.version);
    const [conv] = isUuid(input.conversationId) ? await tx.select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, input.conversationId)) : [];
    if (!conv || !canReadConversation(user, conv.assigneeId)) throw new TicketError('unknown_conversation', `unknown conversation ${input.conversationId}`);
    await tx.insert(ticketConversations).values({ ticketId: row.id, conversationId: input.conversationId, linkedAt: now }).onConflictDoNothing();
    await bump(tx, row, now);
    const { event, view } = await recordTicketEvent(tx, 'ticket.updated', row.id, now, { linked: input.conversationId });
    return { view, events: [event] };
  });
}

/** Merges `sourceId` into `id`: its conversations move over and it closes as "merged". */
export async function mergeTicket(deps: ServiceDeps, user: Principal & { id: string }, id: string, input: { sourceId: string; version: number }): Promise<TicketView> {
  const now = deps.clock.now();
  if (input.sourceId === id) throw new TicketError('invalid', 'a ticket cannot be merged into itself');
  return run(deps, async (tx) => {
    // Lock in id order, so two opposite merges cannot deadlock.
    for (const lockId of [id, input.sourceId].sort()) await lockTicket(tx, lockId);
    const target = await lockForChange(tx, user, id, input.version);
    const source = await lockTicket(tx, input.sourceId);
    if (!source) throw new TicketError('invalid', `unknown ticket ${input.sourceId} to merge`);
    if (!(await mayWorkTicket(tx, user, source))) {
      // One that may not read the source is told it is unknown, as if it did not exist.
      if (!(await canReadTicket(tx, user, source.id))) throw new TicketError('invalid', `unknown ticket ${input.sourceId} to merge`);
      throw new TicketError('forbidden', 'you may not change the ticket merged in');
    }
    if (source.mergedIntoId || source.status === 'closed') throw new TicketError('invalid', `ticket ${source.number} is already closed`);
    const moved = await tx.delete(ticketConversations).where(eq(ticketConversations.ticketId, source.id)).returning({ conversationId: ticketConversations.conversationId });
    if (moved.length > 0) {
      await tx
        .insert(ticketConversations)
        .values(moved.map((m) => ({ ticketId: target.id, conversationId: m.conversationId, linkedAt: now })))
        .onConflictDoNothing();
    }
    // A merge ends the duplicate whatever its status: the work continues on the target.
    await bump(tx, source, now, { status: 'closed', closedAt: now, closeReason: 'merged', mergedIntoId: target.id, slaNextCheckAt: null });
    await tx.insert(ticketStatusChanges).values({ ticketId: source.id, fromStatus: source.status, toStatus: 'closed', actorType: 'user', actorId: user.id, note: `merged into ${target.number}`, at: now });
    await bump(tx, target, now);
    const s = await recordTicketEvent(tx, 'ticket.updated', source.id, now, { mergedInto: target.id });
    const t = await recordTicketEvent(tx, 'ticket.updated', target.id, now, { merged: source.id });
    return { view: t.view, events: [s.event, t.event] };
  });
}

/** Moves `conversationIds` off ticket `id` into a new ticket with the same category, priority and department. */
export async function splitTicket(
  deps: ServiceDeps,
  user: Principal & { id: string },
  id: string,
  input: { conversationIds: string[]; version: number; summary?: string },
): Promise<{ original: TicketView; created: TicketView }> {
  const now = deps.clock.now();
  let created: TicketView | null = null;
  const original = await run(deps, async (tx) => {
    const row = await lockForChange(tx, user, id, input.version);
    if (isResolved(row.status as TicketStatus)) throw new TicketError('invalid', 'a resolved ticket cannot be split');
    const wanted = [...new Set(input.conversationIds)];
    const links = await tx.select({ conversationId: ticketConversations.conversationId }).from(ticketConversations).where(eq(ticketConversations.ticketId, row.id));
    const linked = new Set(links.map((l) => l.conversationId));
    if (wanted.length === 0 || wanted.some((c) => !linked.has(c))) throw new TicketError('unknown_conversation', 'only conversations of this ticket can be split off');
    const remaining = links.map((l) => l.conversationId).filter((c) => !wanted.includes(c));
    if (remaining.length === 0) throw new TicketError('invalid', 'a split must leave at least one conversation on the ticket');
    await tx.delete(ticketConversations).where(and(eq(ticketConversations.ticketId, row.id), inArray(ticketConversations.conversationId, wanted)));
    const made = await insertTicket(tx, deps, user, wanted, {
      category: row.category as TicketCategory,
      priority: row.priority as TicketPriority,
      departmentId: row.departmentId,
      summary: input.summary ?? row.summary,
      location: row.location,
      assigneeId: row.assigneeId,
    }, now);
    const origin = row.originConversationId && remaining.includes(row.originConversationId) ? row.originConversationId : (remaining[0] ?? null);
    await bump(tx, row, now, { originConversationId: origin });
    const updated = await recordTicketEvent(tx, 'ticket.updated', row.id, now, { splitInto: made.ticketId });
    created = (made.events[0]?.payload.ticket as TicketView | undefined) ?? null;
    return { view: updated.view, events: [...made.events, updated.event], deliveries: made.deliveries };
  });
  if (!created) throw new Error('split produced no ticket');
  return { original, created };
}
