import { pgTable, uuid, text, timestamp, boolean, primaryKey, index } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** A department that receives dispatched tickets (维修部, 工程部 …). */
export const departments = pgTable('departments', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Stable key of a seeded department ("maintenance"), so seeding stays idempotent; null for ones made later. */
  key: text('key').unique(),
  name: text('name').notNull(),
  /** The head (班长 of the department): first rung above the assignee on the escalation ladder. */
  headId: uuid('head_id').references(() => users.id, { onDelete: 'set null' }),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const departmentMembers = pgTable(
  'department_members',
  {
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.userId] }), index('department_members_user_idx').on(t.userId)],
);
