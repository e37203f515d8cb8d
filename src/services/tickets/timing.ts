/**
 * A stored ticket's SLA clock: turns the row into the domain's TicketTiming and answers
 * where it stands now and when the sweep must look again.
 */
import { and, eq } from 'drizzle-orm';
import { ticketEscalations, tickets, type StoredPause } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import {
  isClockPaused,
  isResolved,
  nextSlaCheck,
  slaState,
  targetMoments,
  type BusinessCalendar,
  type Pause,
  type RecordedEscalation,
  type TargetState,
  type TicketStatus,
  type TicketTiming,
} from '../../domain/tickets/index.js';
import type { Tx } from '../ports.js';

export type TicketRow = typeof tickets.$inferSelect;

export function toPauses(stored: readonly StoredPause[]): Pause[] {
  return stored.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));
}

/** Null when the ticket has no time limit (no policy applied when it was created). */
export function timingOf(row: TicketRow): TicketTiming | null {
  if (!row.firstResponseDueAt || !row.resolutionDueAt) return null;
  return {
    createdAt: row.slaStartedAt,
    dueAt: { firstResponse: row.firstResponseDueAt, resolution: row.resolutionDueAt },
    pauses: toPauses(row.pauses),
    firstRespondedAt: row.firstRespondedAt,
    // A resolution made before the current cycle does not stop this cycle's clock.
    resolvedAt: row.resolvedAt && isResolved(row.status as TicketStatus) ? row.resolvedAt : null,
  };
}

export interface TargetView {
  state: TargetState['state'];
  done: boolean;
  dueAt: string;
  riskAt: string;
  percentUsed: number;
  minutesLeft: number;
}

export interface SlaView {
  paused: boolean;
  calendarId: string;
  warnAtPercent: number;
  firstResponse: TargetView;
  resolution: TargetView;
}

export function slaViewOf(row: TicketRow, cal: BusinessCalendar | null, now: Date): SlaView | null {
  const timing = timingOf(row);
  if (!timing || !cal || row.warnAtPercent === null) return null;
  try {
    const states = slaState(now, timing, cal, row.warnAtPercent);
    const view = (state: TargetState, due: Date): TargetView => {
      const m = targetMoments(timing.createdAt, due, cal, timing.pauses, now, row.warnAtPercent ?? 100);
      return {
        state: state.state,
        done: state.done,
        dueAt: state.dueAt.toISOString(),
        riskAt: m.riskAt.toISOString(),
        percentUsed: Math.round(state.percentUsed * 10) / 10,
        minutesLeft: Math.round(state.minutesLeft),
      };
    };
    return {
      paused: isClockPaused(row.status as TicketStatus),
      calendarId: cal.id,
      warnAtPercent: row.warnAtPercent,
      firstResponse: view(states.firstResponse, timing.dueAt.firstResponse),
      resolution: view(states.resolution, timing.dueAt.resolution),
    };
  } catch (err) {
    // A calendar edited into one that never opens cannot yield a deadline; show none rather than fail.
    if (err instanceof RangeError) return null;
    throw err;
  }
}

export async function recordedEscalations(db: Db | Tx, ticketId: string, cycle: number): Promise<RecordedEscalation[]> {
  const rows = await db
    .select({ target: ticketEscalations.target, reason: ticketEscalations.reason })
    .from(ticketEscalations)
    .where(and(eq(ticketEscalations.ticketId, ticketId), eq(ticketEscalations.cycle, cycle)));
  const out: RecordedEscalation[] = [];
  for (const r of rows) if (r.target && r.reason !== 'dissatisfied') out.push({ target: r.target, state: r.reason });
  return out;
}

/** When the sweep must look at this ticket next, from the row as it will be stored. */
export function nextCheckFor(row: TicketRow, cal: BusinessCalendar | null, recorded: readonly RecordedEscalation[], now: Date): Date | null {
  const timing = timingOf(row);
  const status = row.status as TicketStatus;
  if (!timing || !cal || row.warnAtPercent === null || status === 'closed') return null;
  try {
    return nextSlaCheck(now, timing, cal, row.warnAtPercent, recorded, isClockPaused(status));
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}
