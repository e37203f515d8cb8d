/**
 * The one way a ticket changes: status (with its effects on the SLA clock and the follow-up),
 * assignee and department. Every change bumps `version` under the caller's row lock, writes
 * the status history and records `ticket.updated`.
 */
import { and, eq } from 'drizzle-orm';
import { tickets, ticketStatusChanges, type StoredPause } from '../../../db/schema/index.js';
import { addBusinessMinutes, type TicketStatus } from '../../domain/tickets/index.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { calendarLoader } from './calendars.js';
import { TicketError } from './errors.js';
import { completeOpenFollowUp, scheduleFollowUp } from './follow-up-schedule.js';
import { recordTicketEvent } from './ticket-events.js';
import type { TicketView } from './ticket-views.js';
import { nextCheckFor, recordedEscalations, type TicketRow } from './timing.js';

export interface TicketActor {
  type: 'user' | 'system' | 'owner';
  id: string | null;
}

export interface TicketChange {
  status?: TicketStatus;
  assigneeId?: string | null;
  departmentId?: string;
  note?: string | null;
  closeReason?: string;
  /** Extra fields for the ticket.updated payload (e.g. why the system changed it). */
  eventExtra?: Record<string, unknown>;
}

export interface ChangeResult {
  row: TicketRow;
  view: TicketView;
  events: StoredEvent[];
  deliveries: string[];
}

/** Effects of entering `to` on the stored fields (not yet written). */
async function statusPatch(tx: Tx, row: TicketRow, to: TicketStatus, change: TicketChange, now: Date): Promise<Partial<TicketRow>> {
  const patch: Partial<TicketRow> = { status: to };
  const pauses: StoredPause[] = [...row.pauses];
  // On hold stops the clock; leaving it lets the clock run again.
  if (row.status === 'on_hold') {
    const last = pauses[pauses.length - 1];
    if (last && last.to === null) pauses[pauses.length - 1] = { from: last.from, to: now.toISOString() };
    patch.pauses = pauses;
  }
  if (to === 'on_hold') patch.pauses = [...pauses, { from: now.toISOString(), to: null }];
  if (to === 'in_progress' && !row.firstRespondedAt) patch.firstRespondedAt = now;
  if (to === 'resolved') patch.resolvedAt = now;
  if (to === 'closed') {
    patch.closedAt = now;
    patch.closeReason = change.closeReason ?? 'manual';
  }
  if (to === 'reopened') {
    // A new SLA cycle: the resolution budget starts again; the owner has had an answer already.
    const cal = row.calendarId ? await calendarLoader(tx).get(row.calendarId) : null;
    patch.slaCycle = row.slaCycle + 1;
    patch.slaStartedAt = now;
    patch.pauses = [];
    patch.firstRespondedAt = row.firstRespondedAt ?? row.resolvedAt ?? now;
    patch.resolvedAt = null;
    patch.closedAt = null;
    patch.closeReason = null;
    if (cal && row.resolutionMinutes !== null && row.firstResponseDueAt) {
      patch.firstResponseDueAt = now;
      try {
        patch.resolutionDueAt = addBusinessMinutes(now, row.resolutionMinutes, cal);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
      }
    }
  }
  return patch;
}

/** Applies a change to a row the caller has locked (`select … for update`) at `expectedVersion`. */
export async function changeTicket(
  tx: Tx,
  deps: Pick<ServiceDeps, 'clock' | 'publicLinks'>,
  row: TicketRow,
  change: TicketChange,
  actor: TicketActor,
  now: Date,
): Promise<ChangeResult> {
  let patch: Partial<TicketRow> = {};
  const from = row.status as TicketStatus;
  if (change.status !== undefined) patch = await statusPatch(tx, row, change.status, change, now);
  if (change.assigneeId !== undefined) patch.assigneeId = change.assigneeId;
  if (change.departmentId !== undefined) patch.departmentId = change.departmentId;
  const merged: TicketRow = { ...row, ...patch };
  const cal = merged.calendarId ? await calendarLoader(tx).get(merged.calendarId) : null;
  merged.slaNextCheckAt = nextCheckFor(merged, cal, await recordedEscalations(tx, row.id, merged.slaCycle), now);
  const { id: _id, version: _v, createdAt: _c, ...fields } = merged;
  const [updated] = await tx
    .update(tickets)
    .set({ ...fields, version: row.version + 1, updatedAt: now })
    .where(and(eq(tickets.id, row.id), eq(tickets.version, row.version)))
    .returning();
  if (!updated) throw new TicketError('stale_version', 'the ticket was changed by someone else; reload it', { currentVersion: row.version });
  if (change.status !== undefined) {
    await tx.insert(ticketStatusChanges).values({ ticketId: row.id, fromStatus: from, toStatus: change.status, actorType: actor.type, actorId: actor.id, note: change.note ?? null, at: now });
  }
  const events: StoredEvent[] = [];
  const deliveries: string[] = [];
  if (change.status === 'resolved') {
    const scheduled = await scheduleFollowUp(tx, deps, updated, now);
    events.push(...scheduled.events);
    deliveries.push(...scheduled.deliveries);
  }
  if (change.status === 'followed_up') await completeOpenFollowUp(tx, row.id, actor.type === 'user' ? actor.id : null, now, change.note);
  const recorded = await recordTicketEvent(tx, 'ticket.updated', row.id, now, { from, ...(change.eventExtra ?? {}) });
  // The ticket event first, so a client sees the new status before the survey message.
  return { row: updated, view: recorded.view, events: [recorded.event, ...events], deliveries };
}
