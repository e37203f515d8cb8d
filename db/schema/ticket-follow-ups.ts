import { pgTable, uuid, text, timestamp, integer, boolean, unique, index } from 'drizzle-orm/pg-core';
import { conversations } from './conversations.js';
import { ticketEscalations, tickets } from './tickets.js';
import { users } from './users.js';

/**
 * The follow-up visit (回访) after a resolution, and the owner's satisfaction survey that goes
 * with it: one row per resolution (per SLA cycle).
 */
export const ticketFollowUps = pgTable(
  'ticket_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    cycle: integer('cycle').notNull(),
    /** The accountable agent, who owns the visit. */
    agentId: uuid('agent_id').references(() => users.id, { onDelete: 'set null' }),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    dueNotifiedAt: timestamp('due_notified_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedById: uuid('completed_by_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    surveyConversationId: uuid('survey_conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    surveyMessageId: uuid('survey_message_id'),
    surveySentAt: timestamp('survey_sent_at', { withTimezone: true }),
    /** An unanswered survey closes the ticket as "no feedback" at this instant. */
    noFeedbackCloseAt: timestamp('no_feedback_close_at', { withTimezone: true }),
    score: integer('score'),
    solved: boolean('solved'),
    comment: text('comment'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredVia: text('answered_via').$type<'telegram' | 'reply' | 'web' | 'agent'>(),
    outcome: text('outcome').$type<'satisfied' | 'reopen' | 'no_feedback'>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('ticket_follow_ups_cycle_uq').on(t.ticketId, t.cycle),
    index('ticket_follow_ups_due_idx').on(t.dueAt),
    index('ticket_follow_ups_close_idx').on(t.noFeedbackCloseAt),
  ],
);

/**
 * Every notification a ticket caused (escalations, an unhappy owner, a due follow-up): to whom,
 * over which channel, and what became of it. `not_configured` records an email that could not
 * be sent because no SMTP transport is configured.
 */
export const ticketNotifications = pgTable(
  'ticket_notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    escalationId: uuid('escalation_id').references(() => ticketEscalations.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'escalation' | 'dissatisfied' | 'follow_up_due' | 'emergency'>().notNull(),
    recipientId: uuid('recipient_id').references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<'inbox' | 'email'>().notNull(),
    status: text('status').$type<'sent' | 'pending' | 'sending' | 'not_configured' | 'failed' | 'no_recipient'>().notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    detail: text('detail'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('ticket_notifications_ticket_idx').on(t.ticketId, t.createdAt), index('ticket_notifications_pending_idx').on(t.status, t.channel)],
);
