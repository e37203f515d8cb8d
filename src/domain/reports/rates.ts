/** The ratios beside the durations: SLA attainment and CSAT, from tickets and their surveys. */

export interface TicketSlaFacts {
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  resolutionDueAt: Date | null;
  resolvedAt: Date | null;
}

export interface SlaTally {
  met: number;
  due: number;
}

/**
 * One target (first response or resolution) of one ticket: due once its deadline has passed
 * or it was done; met when done by the deadline. A deadline that passed with nothing done is
 * an open breach and counts as a miss now, not when someone finally acts.
 */
function tallyTarget(dueAt: Date | null, doneAt: Date | null, now: Date, t: SlaTally): void {
  if (!dueAt) return;
  if (doneAt) {
    t.due++;
    if (doneAt.getTime() <= dueAt.getTime()) t.met++;
  } else if (now.getTime() > dueAt.getTime()) {
    t.due++;
  }
}

export function tallySla(tickets: readonly TicketSlaFacts[], now: Date): SlaTally {
  const t: SlaTally = { met: 0, due: 0 };
  for (const k of tickets) {
    tallyTarget(k.firstResponseDueAt, k.firstRespondedAt, now, t);
    tallyTarget(k.resolutionDueAt, k.resolvedAt, now, t);
  }
  return t;
}

/** met ÷ due, null when nothing was due. */
export function slaAttainment(t: SlaTally): number | null {
  return t.due === 0 ? null : t.met / t.due;
}

export interface SurveyFacts {
  /** The survey went out (or the visit took place): the owner was asked. */
  asked: boolean;
  score: number | null;
}

export interface Csat {
  /** Ratings of 4 or 5 ÷ responses; null without responses. */
  score: number | null;
  responses: number;
  /** Responses ÷ surveys asked; null when nobody was asked. */
  responseRate: number | null;
}

export function csat(surveys: readonly SurveyFacts[]): Csat {
  const asked = surveys.filter((s) => s.asked || s.score !== null).length;
  const scored = surveys.filter((s) => s.score !== null);
  const happy = scored.filter((s) => (s.score ?? 0) >= 4).length;
  return {
    score: scored.length === 0 ? null : happy / scored.length,
    responses: scored.length,
    responseRate: asked === 0 ? null : scored.length / asked,
  };
}
