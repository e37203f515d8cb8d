import { pgTable, bigserial, text, uuid, jsonb, timestamp, index } from 'drizzle-orm/pg-core';

/**
 * Every domain event, written in the same transaction as the change it describes.
 * `seq` orders them, so a client that reconnects asks for what came after its last one.
 */
export const events = pgTable(
  'events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    conversationId: uuid('conversation_id'),
    inboxId: uuid('inbox_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_conversation_idx').on(t.conversationId)],
);
