import { pgTable, uuid, text, timestamp, integer, doublePrecision, jsonb, unique, index } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Business calendars (working hours, holidays). The id is text so the seeded ones have
 * readable ids ("always-open", "office-hours"); `definition` is a BusinessCalendar without
 * id and name, validated by the domain schema on every read.
 */
export const businessCalendars = pgTable('business_calendars', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * SLA policies are versioned: a change inserts a row with the next `version` in the same
 * `lineage_id`, so tickets keep the row that applied when they were created.
 */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lineageId: uuid('lineage_id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    priority: text('priority').notNull(),
    calendarId: text('calendar_id')
      .notNull()
      .references(() => businessCalendars.id),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    warnAtPercent: doublePrecision('warn_at_percent').notNull(),
    createdById: uuid('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('sla_policies_lineage_version_uq').on(t.lineageId, t.version), index('sla_policies_match_idx').on(t.category, t.priority, t.createdAt)],
);
