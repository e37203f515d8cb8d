/** Everything time-driven about tickets, in one call: what the scheduled job and tests run. */
import type { ServiceDeps } from '../ports.js';
import { sweepFollowUpsDue, sweepNoFeedback } from './follow-up-sweep.js';
import { sweepSla, type EscalationOutcome } from './sla-sweep.js';
import { sweepSurveyReplies } from './survey-replies.js';

export interface SweepResult {
  escalations: EscalationOutcome[];
  followUpsDue: number;
  /** Surveys answered by a written reply (email, forum, typed on Telegram). */
  surveyReplies: number;
  closedNoFeedback: number;
}

export async function sweepTickets(deps: ServiceDeps, opts: { now?: Date } = {}): Promise<SweepResult> {
  const now = opts.now ?? deps.clock.now();
  const escalations = await sweepSla(deps, now);
  const followUpsDue = await sweepFollowUpsDue(deps, now);
  // Replies first: an answer that arrived in time must not be closed as "no feedback".
  const surveyReplies = await sweepSurveyReplies(deps, now);
  const closedNoFeedback = await sweepNoFeedback(deps, now);
  return { escalations, followUpsDue, surveyReplies, closedNoFeedback };
}
