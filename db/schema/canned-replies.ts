import { pgTable, uuid, text, timestamp, unique, index } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Standard phrases (规范服务用语). A reply with no owner is team-wide; one with an owner is that
 * agent's personal phrase. The same shortcode may exist once per locale, so the zh-CN and en
 * versions of one phrase are found together.
 */
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    shortcode: text('shortcode').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    locale: text('locale').$type<'zh-CN' | 'en'>().notNull(),
    folder: text('folder').notNull().default(''),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('canned_replies_code_uq').on(t.shortcode, t.locale, t.ownerId).nullsNotDistinct(), index('canned_replies_owner_idx').on(t.ownerId)],
);
