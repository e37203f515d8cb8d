import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conversations } from './conversations.js';

/**
 * The self-service bot's memory of one conversation: the flow the owner is in (so a restart
 * resumes it), the choices last offered (for numbered replies), the language, when the
 * out-of-hours notice last went out, and when the conversation was handed to a person.
 */
export const botSessions = pgTable('bot_sessions', {
  conversationId: uuid('conversation_id')
    .primaryKey()
    .references(() => conversations.id, { onDelete: 'cascade' }),
  state: jsonb('state').$type<unknown>(),
  offered: jsonb('offered').$type<{ value: string; label: string }[]>().notNull().default([]),
  locale: text('locale'),
  offHoursNoticeAt: timestamp('off_hours_notice_at', { withTimezone: true }),
  handedOffAt: timestamp('handed_off_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
