import { pgTable, uuid, text, timestamp, integer, doublePrecision, jsonb, boolean, primaryKey, unique, index } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';
import { conversations } from './conversations.js';
import { departments } from './departments.js';
import { businessCalendars, slaPolicies } from './sla.js';
import { users } from './users.js';

/** A pause of the SLA clock as stored (ISO strings; `to: null` while still on hold). */
export interface StoredPause {
  from: string;
  to: string | null;
}

/** A work order (工单). `version` is the optimistic lock every change must name. */
export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    category: text('category').notNull(),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    summary: text('summary').notNull(),
    location: text('location'),
    contactId: uuid('contact_id').references(() => contacts.id),
    /** Where the owner wrote: notifications and the survey go back over this conversation. */
    originConversationId: uuid('origin_conversation_id').references(() => conversations.id),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    /** 首问负责制: the first agent who handled the owner's conversation, fixed until closure. */
    accountableAgentId: uuid('accountable_agent_id').references(() => users.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    slaPolicyId: uuid('sla_policy_id').references(() => slaPolicies.id),
    calendarId: text('calendar_id').references(() => businessCalendars.id),
    /** Copied from the policy at creation, so a later policy version never changes this ticket. */
    firstResponseMinutes: integer('first_response_minutes'),
    resolutionMinutes: integer('resolution_minutes'),
    warnAtPercent: doublePrecision('warn_at_percent'),
    /** Start of the current SLA cycle: creation, or the last reopening. */
    slaStartedAt: timestamp('sla_started_at', { withTimezone: true }).notNull(),
    /** Increases on every reopening; escalations are counted per cycle. */
    slaCycle: integer('sla_cycle').notNull().default(0),
    firstResponseDueAt: timestamp('first_response_due_at', { withTimezone: true }),
    resolutionDueAt: timestamp('resolution_due_at', { withTimezone: true }),
    pauses: jsonb('pauses').$type<StoredPause[]>().notNull().default([]),
    firstRespondedAt: timestamp('first_responded_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason'),
    mergedIntoId: uuid('merged_into_id'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** When the SLA sweep must look at this ticket next (null: nothing can change on its own). */
    slaNextCheckAt: timestamp('sla_next_check_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('tickets_department_status_idx').on(t.departmentId, t.status),
    index('tickets_status_created_idx').on(t.status, t.createdAt),
    index('tickets_sla_check_idx').on(t.slaNextCheckAt),
    index('tickets_assignee_idx').on(t.assigneeId),
  ],
);

/** Which conversations a ticket gathers (merge adds, split moves); one conversation may have several tickets. */
export const ticketConversations = pgTable(
  'ticket_conversations',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.conversationId] }), index('ticket_conversations_conversation_idx').on(t.conversationId)],
);

/** The per-day sequence behind ticket numbers; an upsert makes concurrent creation safe. */
export const ticketNumberCounters = pgTable('ticket_number_counters', {
  day: text('day').primaryKey(),
  last: integer('last').notNull(),
});

/** Every status change, with who and when. */
export const ticketStatusChanges = pgTable(
  'ticket_status_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorType: text('actor_type').$type<'user' | 'system' | 'owner'>().notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ticket_status_changes_ticket_idx').on(t.ticketId, t.at)],
);

/** A rung climbed (or re-announced at the top) because an SLA target was at risk or breached, or the owner was unhappy. */
export const ticketEscalations = pgTable(
  'ticket_escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    cycle: integer('cycle').notNull(),
    level: integer('level').notNull(),
    reason: text('reason').$type<'at_risk' | 'breached' | 'dissatisfied'>().notNull(),
    /** The SLA target; null for an escalation that is not about time. */
    target: text('target').$type<'first_response' | 'resolution'>(),
    role: text('role').notNull(),
    climbed: boolean('climbed').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  // One record per target, state and cycle: a sweep that runs twice never escalates twice.
  (t) => [unique('ticket_escalations_once_uq').on(t.ticketId, t.cycle, t.target, t.reason), index('ticket_escalations_ticket_idx').on(t.ticketId, t.at)],
);
