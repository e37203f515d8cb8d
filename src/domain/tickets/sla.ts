/**
 * SLA policies (time limits per category and priority) and where a ticket stands against them.
 *
 * Policies are versioned rows: editing one adds a newer row, so a ticket keeps the policy that
 * was current when it was created and history is never rewritten.
 */
import { z } from 'zod';
import { addBusinessMinutes, businessMinutesBetween, type Pause } from './business-time.js';
import type { BusinessCalendar } from './calendar.js';
import { ticketCategorySchema, ticketPrioritySchema, type TicketCategory, type TicketPriority } from './categories.js';

export const DEFAULT_WARN_AT_PERCENT = 80;

const warnAtPercentSchema = z.number().gt(0).lte(100);

/** Body of `POST /api/sla-policies`. */
export const slaPolicyInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  category: ticketCategorySchema,
  priority: ticketPrioritySchema,
  calendarId: z.string().min(1),
  firstResponseMinutes: z.number().int().positive(),
  resolutionMinutes: z.number().int().positive(),
  warnAtPercent: warnAtPercentSchema.default(DEFAULT_WARN_AT_PERCENT),
});

export type SlaPolicyInput = z.input<typeof slaPolicyInputSchema>;

export interface SlaPolicy {
  id: string;
  name: string;
  category: TicketCategory;
  priority: TicketPriority;
  calendarId: string;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warnAtPercent: number;
  version: number;
  createdAt: Date;
}

export type SlaTarget = 'first_response' | 'resolution';
export const SLA_TARGETS: readonly SlaTarget[] = ['first_response', 'resolution'];

export type SlaLevel = 'ok' | 'at_risk' | 'breached';

export interface SlaDue {
  firstResponse: Date;
  resolution: Date;
}

/**
 * The policy for a new ticket: among those matching category and priority and created at or
 * before `at`, the newest (ties broken by the higher version). Null when none applies.
 */
export function pickPolicy(
  policies: readonly SlaPolicy[],
  category: TicketCategory,
  priority: TicketPriority,
  at: Date,
): SlaPolicy | null {
  let best: SlaPolicy | null = null;
  for (const p of policies) {
    if (p.category !== category || p.priority !== priority || p.createdAt.getTime() > at.getTime()) continue;
    const newer =
      !best ||
      p.createdAt.getTime() > best.createdAt.getTime() ||
      (p.createdAt.getTime() === best.createdAt.getTime() && p.version > best.version);
    if (newer) best = p;
  }
  return best;
}

/**
 * The promised deadlines of a ticket created at `createdAt`. `cal` must be the policy's
 * calendar (looked up by `policy.calendarId`; the caller owns that lookup).
 */
export function computeDue(createdAt: Date, policy: SlaPolicy, cal: BusinessCalendar): SlaDue {
  return {
    firstResponse: addBusinessMinutes(createdAt, policy.firstResponseMinutes, cal),
    resolution: addBusinessMinutes(createdAt, policy.resolutionMinutes, cal),
  };
}

/** Ends a still-running pause at `at`, so an on-hold ticket gets a projected deadline. */
function closePauses(pauses: readonly Pause[], at: Date): Pause[] {
  return pauses.map((p) => (p.to ? p : { from: p.from, to: new Date(Math.max(p.from.getTime(), at.getTime())) }));
}

/**
 * The deadline after pauses: the same budget of working minutes, with paused time not
 * counted, so every paused working minute pushes the deadline later. A pause still running is
 * taken to end at `now` — the deadline is "if work resumed now".
 */
export function dueWithPauses(
  createdAt: Date,
  budgetMinutes: number,
  cal: BusinessCalendar,
  pauses: readonly Pause[],
  now: Date,
): Date {
  return addBusinessMinutes(createdAt, budgetMinutes, cal, closePauses(pauses, now));
}

export interface TicketTiming {
  createdAt: Date;
  /** The deadlines stored when the ticket was created (without pauses). */
  dueAt: SlaDue;
  pauses: readonly Pause[];
  firstRespondedAt?: Date | null;
  resolvedAt?: Date | null;
}

export interface TargetState {
  /** Share of the budget used, in percent; above 100 once overdue. Not rounded. */
  percentUsed: number;
  state: SlaLevel;
  /** Working minutes left (negative = working minutes overdue). Not rounded. */
  minutesLeft: number;
  /** The deadline after pauses (what a countdown should count down to). */
  dueAt: Date;
  /** The target was met (responded / resolved); the numbers are frozen at that moment. */
  done: boolean;
}

export interface SlaStates {
  firstResponse: TargetState;
  resolution: TargetState;
}

function targetState(
  now: Date,
  timing: TicketTiming,
  originalDue: Date,
  doneAt: Date | null | undefined,
  cal: BusinessCalendar,
  warnAtPercent: number,
): TargetState {
  const done = doneAt != null && doneAt.getTime() <= now.getTime();
  // The clock stops when the target is met; a timestamp before creation (clock skew) counts as 0.
  const endMs = Math.max((done ? doneAt : now).getTime(), timing.createdAt.getTime());
  const end = new Date(endMs);
  // The budget is recovered from the stored deadline, so the policy version that set it wins.
  const budget = businessMinutesBetween(timing.createdAt, originalDue, cal);
  const pauses = closePauses(timing.pauses, end);
  const used = businessMinutesBetween(timing.createdAt, end, cal, pauses);
  const dueAt = addBusinessMinutes(timing.createdAt, budget, cal, pauses);
  // Lateness is judged in real time: due Friday 17:30 is late at 18:00, although no working
  // minute has passed since.
  const late = endMs > dueAt.getTime();
  const percentUsed = budget > 0 ? (used / budget) * 100 : late ? 100 : 0;
  let state: SlaLevel = 'ok';
  if (late) state = 'breached';
  // A target met in time is fine, however close it came.
  else if (!done && percentUsed >= warnAtPercent) state = 'at_risk';
  return { percentUsed, state, minutesLeft: budget - used, dueAt, done };
}

/** Where both targets of a ticket stand at `now`. */
export function slaState(now: Date, timing: TicketTiming, cal: BusinessCalendar, warnAtPercent: number): SlaStates {
  if (!warnAtPercentSchema.safeParse(warnAtPercent).success) {
    throw new RangeError(`warnAtPercent must be in (0, 100], got ${warnAtPercent}`);
  }
  // Resolving also answers the owner, so a ticket resolved without a reply met its first response then.
  const respondedAt = timing.firstRespondedAt ?? timing.resolvedAt;
  return {
    firstResponse: targetState(now, timing, timing.dueAt.firstResponse, respondedAt, cal, warnAtPercent),
    resolution: targetState(now, timing, timing.dueAt.resolution, timing.resolvedAt, cal, warnAtPercent),
  };
}
