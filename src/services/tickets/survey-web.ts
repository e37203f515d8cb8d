/**
 * The survey page's use cases (the link sent to email and forum owners): what the page shows
 * for a token, and recording the owner's answer through the same answerSurvey the Telegram
 * buttons use — once only.
 */
import { eq } from 'drizzle-orm';
import { ticketFollowUps, tickets } from '../../../db/schema/index.js';
import type { SurveyOutcome } from '../../domain/tickets/index.js';
import type { ServiceDeps } from '../ports.js';
import { answerSurvey } from './survey-answers.js';
import { readSurveyToken } from './survey-links.js';

export type SurveyPageState =
  | { status: 'open'; ticketNumber: string }
  | { status: 'answered'; ticketNumber: string; score: number | null; solved: boolean | null }
  /** Closed as "no feedback" before the owner answered. */
  | { status: 'closed'; ticketNumber: string }
  | { status: 'invalid' | 'expired' };

export interface WebSurveyAnswer {
  score: number;
  solved: boolean;
  comment: string | null;
}

export type SurveySubmitResult = SurveyPageState | { status: 'recorded'; ticketNumber: string; outcome: SurveyOutcome };

async function stateOf(db: ServiceDeps['db'], followUpId: string): Promise<SurveyPageState> {
  const [f] = await db
    .select({ number: tickets.number, answeredAt: ticketFollowUps.answeredAt, outcome: ticketFollowUps.outcome, score: ticketFollowUps.score, solved: ticketFollowUps.solved })
    .from(ticketFollowUps)
    .innerJoin(tickets, eq(tickets.id, ticketFollowUps.ticketId))
    .where(eq(ticketFollowUps.id, followUpId));
  // A validly signed token whose follow-up is gone (ticket deleted) reads as a dead link.
  if (!f) return { status: 'invalid' };
  if (f.answeredAt) return { status: 'answered', ticketNumber: f.number, score: f.score, solved: f.solved };
  if (f.outcome) return { status: 'closed', ticketNumber: f.number };
  return { status: 'open', ticketNumber: f.number };
}

export async function surveyPageState(deps: Pick<ServiceDeps, 'db' | 'clock'>, secret: string, token: string): Promise<SurveyPageState> {
  const check = readSurveyToken(secret, token, deps.clock.now());
  if (!check.ok) return { status: check.reason };
  return stateOf(deps.db, check.followUpId);
}

export async function submitSurveyPage(deps: ServiceDeps, secret: string, token: string, input: WebSurveyAnswer): Promise<SurveySubmitResult> {
  const now = deps.clock.now();
  const check = readSurveyToken(secret, token, now);
  if (!check.ok) return { status: check.reason };
  const before = await stateOf(deps.db, check.followUpId);
  if (before.status !== 'open') return before;
  const result = await deps.db.transaction((tx) =>
    answerSurvey(tx, deps, check.followUpId, { score: input.score, solved: input.solved, comment: input.comment, via: 'web', actor: { type: 'owner', id: null } }, now),
  );
  // Lost a race with another answer (a second tab, a reply): report what is stored now.
  if (result.status !== 'recorded') return stateOf(deps.db, check.followUpId);
  deps.bus.publish(result.events);
  for (const id of result.deliveries) await deps.jobs.enqueueDelivery(id);
  return { status: 'recorded', ticketNumber: before.ticketNumber, outcome: result.outcome };
}
