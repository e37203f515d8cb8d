import { pgTable, uuid, text, timestamp } from 'drizzle-orm/pg-core';

/** The catalog of conversation labels; conversations hold label ids (conversations.label_ids). */
export const labels = pgTable('labels', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  color: text('color').notNull().default('#6b7280'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
