import { pgTable, uuid, text, timestamp, boolean, integer, index } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';

/** An owner's account on the forum (业主论坛); staff use their Huixin user instead. */
export const forumAccounts = pgTable('forum_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Lower-cased; unique so sign-up can never create a second account for one address. */
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  displayName: text('display_name').notNull(),
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  /** The unit (楼栋/房号) the owner states; staff confirm it. */
  unitClaim: text('unit_claim'),
  unitStatus: text('unit_status').$type<'none' | 'pending' | 'confirmed' | 'rejected'>().notNull().default('none'),
  unitNote: text('unit_note'),
  /** The owner's contact record once staff confirmed the unit (one person across channels). */
  contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
  /** Posts that passed moderation; below the threshold new posts are pre-moderated. */
  approvedPosts: integer('approved_posts').notNull().default(0),
  suspendedUntil: timestamp('suspended_until', { withTimezone: true }),
  suspendReason: text('suspend_reason'),
  notifyByEmail: boolean('notify_by_email').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Only an HMAC of each session token is stored. */
export const forumSessions = pgTable(
  'forum_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => forumAccounts.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('forum_sessions_account_idx').on(t.accountId)],
);

/** One-time links sent by email (verify the address, reset the password); hashed like sessions. */
export const forumEmailTokens = pgTable(
  'forum_email_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => forumAccounts.id, { onDelete: 'cascade' }),
    purpose: text('purpose').$type<'verify' | 'reset'>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('forum_email_tokens_account_idx').on(t.accountId)],
);

/**
 * Fixed-window counters for sign-up, login and posting. In the database rather than in
 * memory so that several instances share one limit.
 */
export const forumRateLimits = pgTable('forum_rate_limits', {
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});
