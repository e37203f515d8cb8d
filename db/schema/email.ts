import { pgTable, uuid, text, timestamp, integer, bigint, customType, index } from 'drizzle-orm/pg-core';
import { conversations } from './conversations.js';
import { inboxes } from './inboxes.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/**
 * Where each mailbox's IMAP watcher stopped: the last UID handed to intake, valid only
 * together with the folder's UIDVALIDITY. A restart fetches UIDs above `lastUid`; a changed
 * UIDVALIDITY triggers a resync (deduplicated by Message-ID).
 */
export const emailMailboxState = pgTable('email_mailbox_state', {
  inboxId: uuid('inbox_id')
    .primaryKey()
    .references(() => inboxes.id, { onDelete: 'cascade' }),
  folder: text('folder').notNull(),
  /** UIDVALIDITY is an unsigned 32-bit number; kept as text so no driver rounds it. */
  uidValidity: text('uid_validity').notNull(),
  lastUid: bigint('last_uid', { mode: 'number' }).notNull(),
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The reply+<token>@ address of a conversation (plus-addressed Reply-To). */
export const emailReplyTokens = pgTable(
  'email_reply_tokens',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    token: text('token').notNull().unique('email_reply_tokens_token_uq'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_reply_tokens_inbox_idx').on(t.inboxId)],
);

/**
 * Attachment bytes of email (received parts and files agents attach), stored once per
 * content hash; a message's `attachments[].storageKey` is `email-blob:<sha256>`. In the
 * database rather than a data folder so that several Node instances share them.
 */
export const emailBlobs = pgTable('email_blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
