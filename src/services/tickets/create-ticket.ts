/**
 * Escalating a conversation to a ticket, in one step: validate, number it, apply the SLA
 * policy, link the conversation, fix the accountable agent (首问负责制) and tell the owner the
 * number and the promised times — all in one transaction; the notice is delivered after commit.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { conversations, departments, messages, ticketConversations, tickets, ticketStatusChanges, users } from '../../../db/schema/index.js';
import { canReadConversation, type Principal } from '../../domain/permissions.js';
import {
  computeDue,
  DEFAULT_TIME_ZONE,
  TICKET_CATEGORIES,
  type TicketCategory,
  type TicketPriority,
} from '../../domain/tickets/index.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { calendarLoader } from './calendars.js';
import { isUuid, TicketError } from './errors.js';
import { nextTicketNumber } from './numbers.js';
import { sendOwnerMessage, templateVars } from './owner-messages.js';
import { policyFor } from './sla-policies.js';
import { recordTicketEvent } from './ticket-events.js';
import { getTicketSettings } from './ticket-settings.js';
import type { TicketView } from './ticket-views.js';
import { nextCheckFor } from './timing.js';

export interface CreateTicketInput {
  category: string;
  priority: TicketPriority;
  departmentId: string;
  summary: string;
  location?: string | null;
  assigneeId?: string | null;
  /** Tell the owner the number and deadline (default true). */
  notifyOwner?: boolean;
}

/**
 * 首问负责制: the agent who first wrote in the conversation (reply or note); failing that its
 * assignee; failing that whoever escalates it.
 */
export async function firstHandlingAgent(tx: Tx, conversationId: string): Promise<string | null> {
  const [first] = await tx
    .select({ id: messages.senderId })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.senderId))
    .where(and(eq(messages.conversationId, conversationId), eq(messages.senderType, 'agent')))
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(1);
  if (first?.id) return first.id;
  const [conv] = await tx.select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, conversationId));
  return conv?.assigneeId ?? null;
}

export async function assertDepartment(tx: Tx, id: string): Promise<void> {
  if (!isUuid(id)) throw new TicketError('unknown_department', `unknown department ${id}`);
  const [dep] = await tx.select({ active: departments.active }).from(departments).where(eq(departments.id, id));
  if (!dep || !dep.active) throw new TicketError('unknown_department', `unknown department ${id}`);
}

export async function assertUser(tx: Tx, id: string): Promise<void> {
  if (!isUuid(id)) throw new TicketError('unknown_user', `unknown user ${id}`);
  const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, [id]));
  if (found.length === 0) throw new TicketError('unknown_user', `unknown user ${id}`);
}

export function assertCategory(category: string): TicketCategory {
  if (!(TICKET_CATEGORIES as readonly string[]).includes(category)) {
    throw new TicketError('unknown_category', `unknown category ${category}; use ${TICKET_CATEGORIES.join(', ')}`);
  }
  return category as TicketCategory;
}

/** Inserts a ticket for `conversationIds` (the first is where the owner wrote) inside the caller's transaction. */
export async function insertTicket(
  tx: Tx,
  deps: Pick<ServiceDeps, 'clock'>,
  /** Who makes it; null when the self-service bot does, on the owner's word. */
  actor: { id: string } | null,
  conversationIds: string[],
  input: CreateTicketInput & { category: TicketCategory },
  now: Date,
): Promise<{ ticketId: string; events: StoredEvent[]; deliveries: string[] }> {
  const originId = conversationIds[0];
  if (!originId) throw new TicketError('invalid', 'a ticket needs a conversation');
  const [conv] = await tx.select({ contactId: conversations.contactId }).from(conversations).where(eq(conversations.id, originId));
  if (!conv) throw new TicketError('not_found', 'conversation not found');
  const policy = await policyFor(tx, input.category, input.priority, now);
  const cal = policy ? await calendarLoader(tx).get(policy.calendarId) : null;
  let due: { firstResponse: Date; resolution: Date } | null = null;
  try {
    due = policy && cal ? computeDue(now, policy, cal) : null;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
  }
  const number = await nextTicketNumber(tx, now);
  const accountable = (await firstHandlingAgent(tx, originId)) ?? actor?.id ?? null;
  const [row] = await tx
    .insert(tickets)
    .values({
      number,
      category: input.category,
      priority: input.priority,
      status: 'new',
      departmentId: input.departmentId,
      summary: input.summary,
      location: input.location ?? null,
      contactId: conv.contactId,
      originConversationId: originId,
      assigneeId: input.assigneeId ?? null,
      accountableAgentId: accountable,
      createdById: actor?.id ?? null,
      slaPolicyId: due ? (policy?.id ?? null) : null,
      calendarId: due ? (cal?.id ?? null) : null,
      firstResponseMinutes: due ? (policy?.firstResponseMinutes ?? null) : null,
      resolutionMinutes: due ? (policy?.resolutionMinutes ?? null) : null,
      warnAtPercent: due ? (policy?.warnAtPercent ?? null) : null,
      slaStartedAt: now,
      firstResponseDueAt: due?.firstResponse ?? null,
      resolutionDueAt: due?.resolution ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('ticket insert returned nothing');
  const nextCheck = nextCheckFor(row, cal, [], now);
  if (nextCheck) await tx.update(tickets).set({ slaNextCheckAt: nextCheck }).where(eq(tickets.id, row.id));
  await tx.insert(ticketConversations).values(conversationIds.map((conversationId) => ({ ticketId: row.id, conversationId, linkedAt: now })));
  await tx.insert(ticketStatusChanges).values({ ticketId: row.id, fromStatus: null, toStatus: 'new', actorType: actor ? 'user' : 'owner', actorId: actor?.id ?? null, at: now });
  const events: StoredEvent[] = [(await recordTicketEvent(tx, 'ticket.created', row.id, now)).event];
  const deliveries: string[] = [];
  if (input.notifyOwner !== false) {
    const settings = await getTicketSettings(tx);
    const vars = await templateVars(tx, row, cal?.timeZone ?? DEFAULT_TIME_ZONE);
    const notice = await sendOwnerMessage(tx, deps, originId, settings.templates.created, vars, { kind: 'ticket.created', ticketId: row.id, ticketNumber: number });
    if (notice) {
      events.push(...notice.events);
      deliveries.push(notice.messageId);
    }
  }
  return { ticketId: row.id, events, deliveries };
}

export async function createTicket(deps: ServiceDeps, user: Principal, conversationId: string, input: CreateTicketInput): Promise<TicketView> {
  const category = assertCategory(input.category);
  const now = deps.clock.now();
  const { view, events, deliveries } = await deps.db.transaction(async (tx) => {
    const [conv] = await tx.select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, conversationId));
    if (!conv || !canReadConversation(user, conv.assigneeId)) throw new TicketError('not_found', 'conversation not found');
    await assertDepartment(tx, input.departmentId);
    if (input.assigneeId) await assertUser(tx, input.assigneeId);
    const created = await insertTicket(tx, deps, user, [conversationId], { ...input, category }, now);
    const first = created.events[0];
    const ticket = first?.payload.ticket as TicketView | undefined;
    if (!ticket) throw new Error('ticket.created event without its ticket');
    return { view: ticket, events: created.events, deliveries: created.deliveries };
  });
  deps.bus.publish(events);
  for (const id of deliveries) await deps.jobs.enqueueDelivery(id);
  return view;
}
