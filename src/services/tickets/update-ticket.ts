/** PATCH /api/tickets/:id: a person changes status, assignee or department, naming the version they saw. */
import { and, eq } from 'drizzle-orm';
import { departmentMembers, departments, tickets } from '../../../db/schema/index.js';
import { can, type Principal } from '../../domain/permissions.js';
import { transition, type TicketStatus } from '../../domain/tickets/index.js';
import type { ServiceDeps, Tx } from '../ports.js';
import { changeTicket } from './change-ticket.js';
import { assertDepartment, assertUser } from './create-ticket.js';
import { isUuid, TicketError } from './errors.js';
import { canReadTicket } from './ticket-queries.js';
import type { TicketView } from './ticket-views.js';
import type { TicketRow } from './timing.js';

export interface UpdateTicketInput {
  version: number;
  status?: TicketStatus;
  assigneeId?: string | null;
  departmentId?: string;
  note?: string | null;
}

/** Locks the row for the rest of the transaction; a concurrent change waits, then sees the new version. */
export async function lockTicket(tx: Tx, id: string): Promise<TicketRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
  return row ?? null;
}

/** Who may work a ticket: ticket managers, members and the head of its department, and its assignee. */
export async function mayWorkTicket(tx: Tx, user: Principal, row: TicketRow): Promise<boolean> {
  if (can(user, 'ticket.manage') || row.assigneeId === user.id) return true;
  const [member] = await tx
    .select({ userId: departmentMembers.userId })
    .from(departmentMembers)
    .where(and(eq(departmentMembers.departmentId, row.departmentId), eq(departmentMembers.userId, user.id)));
  if (member) return true;
  const [head] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.id, row.departmentId), eq(departments.headId, user.id)));
  return Boolean(head);
}

/**
 * A change needs the right to work the ticket; one who may not even read it is told it does
 * not exist (404, as its reads say), not that it is forbidden (which would confirm it exists).
 */
export async function assertMayWorkTicket(tx: Tx, user: Principal & { id: string }, row: TicketRow, message = 'you may not change this ticket'): Promise<void> {
  if (await mayWorkTicket(tx, user, row)) return;
  if (await canReadTicket(tx, user, row.id)) throw new TicketError('forbidden', message);
  throw new TicketError('not_found', 'ticket not found');
}

export async function updateTicket(deps: ServiceDeps, user: Principal & { id: string }, id: string, input: UpdateTicketInput): Promise<TicketView> {
  const now = deps.clock.now();
  const result = await deps.db.transaction(async (tx) => {
    const row = await lockTicket(tx, id);
    if (!row) throw new TicketError('not_found', 'ticket not found');
    await assertMayWorkTicket(tx, user, row);
    if (row.version !== input.version) {
      throw new TicketError('stale_version', `version ${input.version} is stale; the ticket is at version ${row.version}`, { currentVersion: row.version });
    }
    if (input.status !== undefined) {
      const t = transition(row.status as TicketStatus, input.status);
      if (!t.ok) throw new TicketError('illegal_transition', `cannot go from ${row.status} to ${input.status}`, { allowed: t.allowed });
    }
    if (input.assigneeId) await assertUser(tx, input.assigneeId);
    if (input.departmentId !== undefined) await assertDepartment(tx, input.departmentId);
    return changeTicket(tx, deps, row, { status: input.status, assigneeId: input.assigneeId, departmentId: input.departmentId, note: input.note }, { type: 'user', id: user.id }, now);
  });
  deps.bus.publish(result.events);
  for (const messageId of result.deliveries) await deps.jobs.enqueueDelivery(messageId);
  return result.view;
}
