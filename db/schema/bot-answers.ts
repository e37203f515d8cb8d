import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Instant answers the self-service bot gives: the question, the words and example phrasings
 * that should find it, the answer, its language, and how often it was shown and judged
 * helpful or not by owners (counted by the bot, read by the admin screen).
 */
export const botAnswers = pgTable(
  'bot_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    question: text('question').notNull(),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    phrasings: jsonb('phrasings').$type<string[]>().notNull().default([]),
    answer: text('answer').notNull(),
    locale: text('locale').$type<'zh-CN' | 'en'>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    shownCount: integer('shown_count').notNull().default(0),
    helpfulCount: integer('helpful_count').notNull().default(0),
    unhelpfulCount: integer('unhelpful_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('bot_answers_enabled_idx').on(t.enabled, t.locale)],
);
