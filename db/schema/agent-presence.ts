import { pgTable, uuid, text, timestamp, integer, primaryKey } from 'drizzle-orm/pg-core';
import { inboxes } from './inboxes.js';
import { users } from './users.js';

/**
 * Whether an agent is at their seat. `status` is what others see; `chosen` is what the agent
 * picked (online or busy), restored when they connect again. `offlineSince` starts the grace
 * period after which their open conversations go back to the pool.
 */
export const agentPresence = pgTable('agent_presence', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  status: text('status').$type<'online' | 'busy' | 'offline'>().notNull().default('offline'),
  chosen: text('chosen').$type<'online' | 'busy'>().notNull().default('online'),
  /** How many open conversations round-robin gives this agent at most. */
  capacity: integer('capacity').notNull().default(10),
  /** Round-robin order: the agent assigned least recently goes next. */
  lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
  offlineSince: timestamp('offline_since', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who works which inbox; an inbox without members is worked by every agent. */
export const inboxMembers = pgTable(
  'inbox_members',
  {
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.inboxId, t.userId] })],
);
