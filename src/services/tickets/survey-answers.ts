/**
 * The owner's answer to the satisfaction survey (a Telegram button, or an agent noting what
 * the owner said on the phone). Satisfied: the follow-up is done and the ticket closes. A low
 * score or "not solved": the ticket reopens and the supervisor is alerted.
 */
import { eq } from 'drizzle-orm';
import { ticketFollowUps, tickets } from '../../../db/schema/index.js';
import { clampLevel, DEFAULT_TIME_ZONE, surveyOutcome, transition, type SurveyOutcome, type TicketStatus } from '../../domain/tickets/index.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { changeTicket, type TicketActor } from './change-ticket.js';
import { recordEscalation } from './escalate.js';
import { sendOwnerMessage, templateVars } from './owner-messages.js';
import { recordTicketEvent } from './ticket-events.js';
import { getTicketSettings } from './ticket-settings.js';
import type { TicketView } from './ticket-views.js';
import type { TicketRow } from './timing.js';

/** Supervisor (主管): where an unhappy owner's ticket lands at least. */
const DISSATISFIED_LEVEL = 2;

export interface SurveyAnswer {
  /** Null when the owner only said "not solved". */
  score: number | null;
  solved: boolean;
  comment?: string | null;
  /** A button, a written reply on any channel, the survey page (link), or an agent noting a phone answer. */
  via: 'telegram' | 'reply' | 'web' | 'agent';
  actor: TicketActor;
}

export type AnswerResult =
  | { status: 'recorded'; outcome: SurveyOutcome; view: TicketView; events: StoredEvent[]; deliveries: string[] }
  | { status: 'already_answered' | 'not_found' };

/** Moves the ticket along the legal path to `to`, one recorded step at a time. */
async function moveTo(tx: Tx, deps: Pick<ServiceDeps, 'clock'>, row: TicketRow, path: TicketStatus[], actor: TicketActor, now: Date, note: string, closeReason?: string) {
  const events: StoredEvent[] = [];
  const deliveries: string[] = [];
  let current = row;
  let view: TicketView | null = null;
  for (const to of path) {
    if (!transition(current.status as TicketStatus, to).ok) continue;
    const r = await changeTicket(tx, deps, current, { status: to, note, closeReason }, actor, now);
    current = r.row;
    view = r.view;
    events.push(...r.events);
    deliveries.push(...r.deliveries);
  }
  return { row: current, view, events, deliveries };
}

export async function answerSurvey(tx: Tx, deps: Pick<ServiceDeps, 'clock'>, followUpId: string, answer: SurveyAnswer, now: Date): Promise<AnswerResult> {
  const [f] = await tx.select().from(ticketFollowUps).where(eq(ticketFollowUps.id, followUpId)).for('update');
  if (!f) return { status: 'not_found' };
  if (f.answeredAt) return { status: 'already_answered' };
  const [row] = await tx.select().from(tickets).where(eq(tickets.id, f.ticketId)).for('update');
  if (!row) return { status: 'not_found' };
  const outcome: SurveyOutcome = answer.score === null ? (answer.solved ? 'satisfied' : 'reopen') : surveyOutcome(answer.score, answer.solved);
  await tx
    .update(ticketFollowUps)
    .set({
      score: answer.score,
      solved: answer.solved,
      comment: answer.comment ?? null,
      answeredAt: now,
      answeredVia: answer.via,
      outcome,
      completedAt: f.completedAt ?? now,
      completedById: f.completedById ?? (answer.actor.type === 'user' ? answer.actor.id : null),
    })
    .where(eq(ticketFollowUps.id, f.id));
  const note = `survey: ${answer.score ?? '—'}/5${answer.solved ? '' : ', not solved'}`;
  const settings = await getTicketSettings(tx);
  const events: StoredEvent[] = [];
  const deliveries: string[] = [];
  let moved;
  if (outcome === 'reopen') {
    moved = await moveTo(tx, deps, row, ['reopened'], answer.actor, now, note);
    const from = moved.row.escalationLevel;
    const level = clampLevel(Math.max(from, DISSATISFIED_LEVEL));
    const rec = await recordEscalation(tx, moved.row, { level, reason: 'dissatisfied', target: null, climbed: level > from }, now);
    const [lifted] = await tx
      .update(tickets)
      .set({ escalationLevel: level, version: moved.row.version + 1, updatedAt: now })
      .where(eq(tickets.id, row.id))
      .returning();
    if (lifted) moved.row = lifted;
    const escalated = await recordTicketEvent(tx, 'ticket.escalated', row.id, now, {
      level,
      reason: 'dissatisfied',
      target: null,
      role: rec?.role ?? 'supervisor',
      climbed: level > from,
      score: answer.score,
      recipients: (rec?.recipients ?? []).map((r) => ({ id: r.id, name: r.name })),
    });
    moved.view = escalated.view;
    moved.events.push(escalated.event);
  } else {
    moved = await moveTo(tx, deps, row, ['followed_up', 'closed'], answer.actor, now, note, 'satisfied');
  }
  events.push(...moved.events);
  deliveries.push(...moved.deliveries);
  // An owner's own answer is acknowledged on their channel; an agent's note of a phone answer is not.
  const conversationId = f.surveyConversationId;
  if (answer.via !== 'agent' && conversationId) {
    const vars = await templateVars(tx, moved.row, DEFAULT_TIME_ZONE, { score: answer.score === null ? '—' : String(answer.score) });
    const template = outcome === 'reopen' ? settings.templates.surveyReopened : settings.templates.surveyThanks;
    const reply = await sendOwnerMessage(tx, deps, conversationId, template, vars, { kind: 'ticket.survey.reply', ticketId: row.id });
    if (reply) {
      events.push(...reply.events);
      deliveries.push(reply.messageId);
    }
  }
  const view = moved.view ?? (await recordTicketEvent(tx, 'ticket.updated', row.id, now, { survey: outcome })).view;
  return { status: 'recorded', outcome, view, events, deliveries };
}
