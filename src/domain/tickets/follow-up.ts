/**
 * Follow-up visit (回访) rules: when the visit is due, what the owner's survey answer means,
 * and when an unanswered survey closes the ticket as "no feedback".
 */
import { nextWorkingDayStart } from './business-time.js';
import type { BusinessCalendar } from './calendar.js';
import { MS_PER_DAY } from './zoned-time.js';

/** Scores at or below this reopen the ticket (and alert the supervisor). */
export const REOPEN_AT_OR_BELOW = 2;

/**
 * The follow-up task is due at the first opening of the next working day after resolution, so
 * a ticket resolved on Friday evening is visited on the next open day, not at midnight.
 */
export function followUpDueAt(resolvedAt: Date, cal: BusinessCalendar): Date {
  return nextWorkingDayStart(resolvedAt, cal);
}

export type SurveyOutcome = 'satisfied' | 'reopen';

/** A low score or "not solved" reopens; anything else counts as satisfied. */
export function surveyOutcome(score: number, solved: boolean): SurveyOutcome {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new RangeError(`score must be an integer 1..5, got ${score}`);
  return score <= REOPEN_AT_OR_BELOW || !solved ? 'reopen' : 'satisfied';
}

/**
 * When an unanswered survey closes the ticket as "no feedback": `days` whole 24-hour days
 * after it was sent. Elapsed time, not business time — the owner's silence does not depend
 * on our opening hours.
 */
export function noFeedbackCloseAt(sentAt: Date, days: number): Date {
  if (!Number.isFinite(sentAt.getTime())) throw new RangeError('sentAt is an invalid Date');
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`days must be >= 0, got ${days}`);
  return new Date(sentAt.getTime() + days * MS_PER_DAY);
}
