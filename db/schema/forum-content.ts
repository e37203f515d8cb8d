import { pgTable, uuid, text, timestamp, boolean, integer, index, customType } from 'drizzle-orm/pg-core';
import { conversations } from './conversations.js';
import { forumAccounts } from './forum-accounts.js';
import { forumBoards } from './forum-boards.js';
import { users } from './users.js';

export type ForumPostStatus = 'visible' | 'pending' | 'hidden';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const forumTopics = pgTable(
  'forum_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    boardId: uuid('board_id')
      .notNull()
      .references(() => forumBoards.id),
    /** Null for a topic staff opened. */
    accountId: uuid('account_id').references(() => forumAccounts.id, { onDelete: 'set null' }),
    staffUserId: uuid('staff_user_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** Follows the first post: pending until approved, hidden when rejected. */
    status: text('status').$type<ForumPostStatus>().notNull().default('visible'),
    pinned: boolean('pinned').notNull().default(false),
    highlighted: boolean('highlighted').notNull().default(false),
    locked: boolean('locked').notNull().default(false),
    /** The inbox conversation this topic feeds (service boards, or sent by hand). */
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    replyCount: integer('reply_count').notNull().default(0),
    lastPostAt: timestamp('last_post_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('forum_topics_board_idx').on(t.boardId, t.pinned.desc(), t.lastPostAt.desc()),
    index('forum_topics_account_idx').on(t.accountId, t.createdAt.desc()),
  ],
);

export const forumPosts = pgTable(
  'forum_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => forumTopics.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => forumAccounts.id, { onDelete: 'set null' }),
    /** Set on an official staff reply (shown with the staff badge). */
    staffUserId: uuid('staff_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The owner's Markdown source, never edited by moderators; rendered and sanitized on output. */
    body: text('body').notNull(),
    status: text('status').$type<ForumPostStatus>().notNull().default('visible'),
    /** Why moderators hid it; the author sees this. */
    hiddenReason: text('hidden_reason'),
    isFirst: boolean('is_first').notNull().default(false),
    /**
     * The post belongs in the inbox (a service board, a linked topic, or sent there by hand).
     * With messageId still null it is picked up again by the triage sweep, so a crash between
     * storing the post and ingesting it loses nothing.
     */
    toInbox: boolean('to_inbox').notNull().default(false),
    /** The inbox message this post mirrors: unique, so a redelivered staff reply posts once. */
    messageId: uuid('message_id').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('forum_posts_topic_idx').on(t.topicId, t.createdAt), index('forum_posts_account_idx').on(t.accountId)],
);

/** Images attached to posts, kept in the database so every instance serves them. */
export const forumUploads = pgTable(
  'forum_uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').references(() => forumAccounts.id, { onDelete: 'set null' }),
    postId: uuid('post_id').references(() => forumPosts.id, { onDelete: 'cascade' }),
    /** Detected from the bytes, never taken from the file name or the browser. */
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('forum_uploads_post_idx').on(t.postId)],
);

/**
 * What the owner sees of private exchanges with the service center (the "message the service
 * center" form, and agents' private answers to a topic). The inbox message is the record; this
 * is its owner-facing copy.
 */
export const forumPrivateMessages = pgTable(
  'forum_private_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => forumAccounts.id, { onDelete: 'cascade' }),
    /** Null for an owner's message until it is in the inbox (see forumPosts.toInbox). */
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'cascade' }),
    topicId: uuid('topic_id').references(() => forumTopics.id, { onDelete: 'set null' }),
    direction: text('direction').$type<'in' | 'out'>().notNull(),
    staffUserId: uuid('staff_user_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    messageId: uuid('message_id').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('forum_private_messages_account_idx').on(t.accountId, t.createdAt)],
);
