import { pgTable, uuid, text, timestamp, jsonb, index, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { forumAccounts } from './forum-accounts.js';
import { forumPosts, forumTopics } from './forum-content.js';
import { users } from './users.js';

/** An owner reporting a post; one flag per owner and post. */
export const forumFlags = pgTable(
  'forum_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => forumPosts.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => forumAccounts.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('forum_flags_uq').on(t.postId, t.accountId)],
);

export type ModerationKind = 'first_post' | 'flag' | 'word';
export type ModerationState = 'pending' | 'approved' | 'rejected' | 'ignored';

/** One entry in the review queue. */
export const forumModerationItems = pgTable(
  'forum_moderation_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => forumPosts.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ModerationKind>().notNull(),
    state: text('state').$type<ModerationState>().notNull().default('pending'),
    /** Flag reasons or the matched words. */
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    claimedBy: uuid('claimed_by').references(() => users.id, { onDelete: 'set null' }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Further flags on a post join its open item instead of queueing it twice.
    uniqueIndex('forum_moderation_open_uq').on(t.postId, t.kind).where(sql`state = 'pending'`),
    index('forum_moderation_state_idx').on(t.state, t.createdAt),
  ],
);

/** Who did what, when and why: queue decisions and every moderation action. */
export const forumModerationHistory = pgTable(
  'forum_moderation_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id').references(() => forumModerationItems.id, { onDelete: 'cascade' }),
    topicId: uuid('topic_id').references(() => forumTopics.id, { onDelete: 'cascade' }),
    postId: uuid('post_id').references(() => forumPosts.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => forumAccounts.id, { onDelete: 'cascade' }),
    /** Null when the system acted (an item opened by the word list). */
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    reason: text('reason'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('forum_moderation_history_item_idx').on(t.itemId), index('forum_moderation_history_topic_idx').on(t.topicId)],
);
