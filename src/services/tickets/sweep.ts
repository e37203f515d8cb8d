/** Everything time-driven about tickets, in one call: what the scheduled job and tests run. */
import type { ServiceDeps } from '../ports.js';
import { sweepFollowUpsDue, sweepNoFeedback } from './follow-up-sweep.js';
import { sweepSla, type EscalationOutcome } from './sla-sweep.js';

export interface SweepResult {
  escalations: EscalationOutcome[];
  followUpsDue: number;
  closedNoFeedback: number;
}

export async function sweepTickets(deps: ServiceDeps, opts: { now?: Date } = {}): Promise<SweepResult> {
  const now = opts.now ?? deps.clock.now();
  const escalations = await sweepSla(deps, now);
  const followUpsDue = await sweepFollowUpsDue(deps, now);
  const closedNoFeedback = await sweepNoFeedback(deps, now);
  return { escalations, followUpsDue, closedNoFeedback };
}
