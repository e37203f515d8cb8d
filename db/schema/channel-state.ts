import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inboxes } from './inboxes.js';

/**
 * Small per-inbox state a channel keeps across requests and instances (ChannelStatePort): a
 * shared access token with its expiry, a pull cursor that must survive a restart.
 */
export const channelState = pgTable(
  'channel_state',
  {
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    /** Null: kept until overwritten. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.inboxId, t.key] })],
);
