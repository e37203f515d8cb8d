/**
 * What the bot's decisions do to stored data: a repair ticket (urgent ones alert the lead on
 * duty), the owner's open tickets, an addition to one, a handoff note. Each runs inside the
 * turn's transaction, so a failed turn leaves nothing half-made.
 */
import { and, desc, eq, notInArray } from 'drizzle-orm';
import { contacts, departments, ticketConversations, tickets } from '../../../db/schema/index.js';
import type { BotAction } from '../../domain/bot/bot-step.js';
import type { BotLocale } from '../../domain/bot/bot-locale.js';
import { say } from '../../domain/bot/bot-texts.js';
import type { BotChoice } from '../../domain/bot/choices.js';
import { REPAIR_DEPARTMENT, REPAIR_KIND_LABELS } from '../../domain/bot/repair-categories.js';
import { DEFAULT_TIME_ZONE, formatLocalDateTime, statusLabel, type TicketStatus } from '../../domain/tickets/index.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { insertOutbound } from '../post-message.js';
import { insertTicket } from '../tickets/create-ticket.js';
import { notifyEmergency } from '../tickets/escalate.js';
import { recordTicketEvent } from '../tickets/ticket-events.js';
import { answerFor, recordAnswerFeedback } from './bot-answers.js';

export interface TurnReply {
  text: string;
  choices: BotChoice[];
  /** Set on an instant answer, so the conversation can show which one the bot gave. */
  answerId?: string;
}

export interface TurnEffects {
  events: StoredEvent[];
  deliveries: string[];
  replies: TurnReply[];
  handedOff: boolean;
  locale: BotLocale;
}

export interface TurnSubject {
  conversationId: string;
  contactId: string;
  /** The bot settings' answerThreshold: the score an instant answer needs. */
  answerThreshold: number;
}

type RepairAction = Extract<BotAction, { type: 'create-repair' }>;

async function departmentFor(tx: Tx, key: string): Promise<string | null> {
  const [byKey] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.key, key), eq(departments.active, true)));
  if (byKey) return byKey.id;
  const [any] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.active, true)).limit(1);
  return any?.id ?? null;
}

async function createRepair(tx: Tx, deps: ServiceDeps, subject: TurnSubject, a: RepairAction, fx: TurnEffects): Promise<void> {
  const departmentId = await departmentFor(tx, REPAIR_DEPARTMENT[a.kind]);
  if (!departmentId) {
    // No department to receive it: the words stay in the conversation for an agent.
    await handoffNote(tx, deps, subject, fx, 'no department takes repairs; the report is in this conversation');
    return;
  }
  const label = REPAIR_KIND_LABELS[a.kind]['zh-CN'];
  const now = deps.clock.now();
  const made = await insertTicket(
    tx,
    deps,
    null,
    [subject.conversationId],
    { category: 'repair', priority: a.urgent ? 'urgent' : 'normal', departmentId, summary: `${label}：${a.description || label}`.slice(0, 500), location: a.unit },
    now,
  );
  fx.events.push(...made.events);
  fx.deliveries.push(...made.deliveries);
  if (a.urgent && a.emergencyWord) {
    const [row] = await tx.select().from(tickets).where(eq(tickets.id, made.ticketId));
    if (row) {
      await notifyEmergency(tx, row, a.emergencyWord, now);
      fx.events.push((await recordTicketEvent(tx, 'ticket.escalated', row.id, now, { reason: 'emergency', word: a.emergencyWord })).event);
    }
  }
}

const DONE: TicketStatus[] = ['resolved', 'followed_up', 'closed'];

async function listOpenTickets(tx: Tx, subject: TurnSubject, fx: TurnEffects): Promise<void> {
  const rows = await tx
    .select({ number: tickets.number, status: tickets.status, due: tickets.resolutionDueAt, department: departments.name })
    .from(tickets)
    .leftJoin(departments, eq(departments.id, tickets.departmentId))
    .where(and(eq(tickets.contactId, subject.contactId), notInArray(tickets.status, DONE)))
    .orderBy(desc(tickets.createdAt))
    .limit(5);
  if (rows.length === 0) {
    fx.replies.push({ text: say('noTickets', fx.locale), choices: [] });
    return;
  }
  const lines = rows.map((r) =>
    say('ticketLine', fx.locale, {
      number: r.number,
      status: statusLabel(r.status as TicketStatus, fx.locale),
      department: r.department ?? '—',
      due: r.due ? formatLocalDateTime(r.due, DEFAULT_TIME_ZONE) : say('dueUnknown', fx.locale),
    }),
  );
  fx.replies.push({
    text: [say('ticketsHeader', fx.locale), ...lines].join('\n'),
    choices: rows.map((r) => ({ value: `note:${r.number}`, label: say('choiceAddToTicket', fx.locale, { number: r.number }) })),
  });
}

/** The owner's words or photo land on their ticket: the conversation is linked and the ticket's watchers hear of it. */
async function addToTicket(tx: Tx, deps: ServiceDeps, subject: TurnSubject, number: string, messageId: string, fx: TurnEffects): Promise<boolean> {
  const [row] = await tx.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.number, number), eq(tickets.contactId, subject.contactId)));
  if (!row) return false;
  const now = deps.clock.now();
  await tx.insert(ticketConversations).values({ ticketId: row.id, conversationId: subject.conversationId, linkedAt: now }).onConflictDoNothing();
  await tx.update(tickets).set({ updatedAt: now }).where(eq(tickets.id, row.id));
  fx.events.push((await recordTicketEvent(tx, 'ticket.updated', row.id, now, { ownerAddition: messageId })).event);
  return true;
}

/** A private note for the agents: why the bot stepped back and what it had gathered. */
async function handoffNote(tx: Tx, deps: ServiceDeps, subject: TurnSubject, fx: TurnEffects, why: string, gathered: string[] = []): Promise<void> {
  const note = await insertOutbound(tx, deps, {
    conversationId: subject.conversationId,
    senderType: 'system',
    senderId: null,
    private: true,
    content: [`转人工 Handed to a person: ${why}`, ...gathered].join('\n'),
    meta: { kind: 'bot.handoff' },
  });
  if (note) fx.events.push(...note.events);
  fx.handedOff = true;
}

/**
 * The answer that fits the owner's words, with "that helped" / "talk to a person"; when none
 * fits well enough the bot says nothing and the message waits for an agent as any other.
 */
async function instantAnswer(tx: Tx, subject: TurnSubject, text: string, fx: TurnEffects): Promise<void> {
  const found = await answerFor(tx, text, fx.locale, subject.answerThreshold);
  if (!found) return;
  fx.replies.push({
    text: found.answer,
    answerId: found.id,
    choices: [
      { value: `helpful:${found.id}`, label: say('choiceHelpful', fx.locale) },
      { value: `unhelpful:${found.id}`, label: say('choiceHuman', fx.locale) },
    ],
  });
}

const HANDOFF_WHY = { asked: 'the owner asked for a person', emergency: 'an emergency was reported (urgent ticket made)', unhelpful: 'the instant answer did not help' } as const;

export async function applyBotAction(tx: Tx, deps: ServiceDeps, subject: TurnSubject, action: BotAction, fx: TurnEffects): Promise<void> {
  switch (action.type) {
    case 'create-repair':
      return createRepair(tx, deps, subject, action, fx);
    case 'list-tickets':
      return listOpenTickets(tx, subject, fx);
    case 'add-to-ticket':
      if (!(await addToTicket(tx, deps, subject, action.ticketNumber, action.messageId, fx))) fx.replies.splice(0, fx.replies.length, { text: say('noTickets', fx.locale), choices: [] });
      return;
    case 'handoff':
      return handoffNote(tx, deps, subject, fx, HANDOFF_WHY[action.reason], action.gathered);
    case 'set-locale':
      fx.locale = action.locale;
      return;
    case 'remember-unit':
      await tx.update(contacts).set({ unit: action.unit, updatedAt: deps.clock.now() }).where(eq(contacts.id, subject.contactId));
      return;
    case 'instant-answer':
      return instantAnswer(tx, subject, action.text, fx);
    case 'answer-feedback':
      await recordAnswerFeedback(tx, subject.conversationId, action.answerId, action.helpful);
      return;
  }
}
