import { pgTable, uuid, text, timestamp, boolean, integer, primaryKey } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** Boards are data: staff add and configure them; four are seeded. */
export const forumBoards = pgTable('forum_boards', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  description: text('description').notNull().default(''),
  descriptionEn: text('description_en').notNull().default(''),
  position: integer('position').notNull().default(0),
  /** Every new topic here opens an inbox conversation (报修, 投诉建议). */
  isService: boolean('is_service').notNull().default(false),
  /** Only staff open topics here (社区公告); owners may still reply. */
  staffOnlyTopics: boolean('staff_only_topics').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Board moderators (版主), appointed by forum admins. */
export const forumBoardModerators = pgTable(
  'forum_board_moderators',
  {
    boardId: uuid('board_id')
      .notNull()
      .references(() => forumBoards.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    appointedBy: uuid('appointed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.boardId, t.userId] })],
);
