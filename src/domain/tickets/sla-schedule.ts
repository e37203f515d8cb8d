/**
 * When the SLA sweep needs to look at a ticket again. The sweep only reads tickets whose
 * next check is due, so this must never be later than the moment a target turns "at risk"
 * or "breached"; being early only costs one extra look.
 */
import { addBusinessMinutes, businessMinutesBetween, type Pause } from './business-time.js';
import type { BusinessCalendar } from './calendar.js';
import type { RecordedEscalation } from './escalation.js';
import { slaState, type SlaTarget, type TicketTiming } from './sla.js';

export interface TargetMoments {
  /** The deadline after pauses (a still-running pause taken to end at `now`). */
  dueAt: Date;
  /** When the warning threshold is reached, on the same clock. */
  riskAt: Date;
}

function closeAt(pauses: readonly Pause[], now: Date): Pause[] {
  return pauses.map((p) => (p.to ? p : { from: p.from, to: new Date(Math.max(p.from.getTime(), now.getTime())) }));
}

/**
 * The deadline and the warning moment of one target. `originalDue` is the stored deadline;
 * its budget is recovered from it, as `slaState` does, so both always agree.
 */
export function targetMoments(
  start: Date,
  originalDue: Date,
  cal: BusinessCalendar,
  pauses: readonly Pause[],
  now: Date,
  warnAtPercent: number,
): TargetMoments {
  const budget = Math.max(0, businessMinutesBetween(start, originalDue, cal));
  const closed = closeAt(pauses, now);
  return {
    dueAt: addBusinessMinutes(start, budget, cal, closed),
    riskAt: addBusinessMinutes(start, (budget * warnAtPercent) / 100, cal, closed),
  };
}

/**
 * The earliest instant at which a new escalation event could be raised, or null when none can
 * (clock paused, targets met, or every event already recorded). A breach is "later than the
 * deadline", so its check is one millisecond after it.
 */
export function nextSlaCheck(
  now: Date,
  timing: TicketTiming,
  cal: BusinessCalendar,
  warnAtPercent: number,
  recorded: readonly RecordedEscalation[],
  paused: boolean,
): Date | null {
  if (paused) return null;
  const states = slaState(now, timing, cal, warnAtPercent);
  const seen = (target: SlaTarget, state: RecordedEscalation['state']): boolean =>
    recorded.some((r) => r.target === target && r.state === state);
  const targets: Array<{ target: SlaTarget; due: Date }> = [
    { target: 'first_response', due: timing.dueAt.firstResponse },
    { target: 'resolution', due: timing.dueAt.resolution },
  ];
  const candidates: number[] = [];
  const consider = (at: number): void => {
    candidates.push(at);
  };
  for (const { target, due } of targets) {
    const state = target === 'first_response' ? states.firstResponse : states.resolution;
    if (state.done || seen(target, 'breached')) continue;
    // An unrecorded event that is already true is due now.
    if (state.state !== 'ok' && !seen(target, state.state)) {
      consider(now.getTime());
      continue;
    }
    const m = targetMoments(timing.createdAt, due, cal, timing.pauses, now, warnAtPercent);
    if (state.state === 'ok' && !seen(target, 'at_risk')) consider(m.riskAt.getTime());
    consider(m.dueAt.getTime() + 1);
  }
  return candidates.length === 0 ? null : new Date(Math.min(...candidates));
}
