import { pgTable, uuid, text, timestamp, integer, bigint, customType, index, primaryKey } from 'drizzle-orm/pg-core';
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

/**
 * The automatic acknowledgements a mailbox sent, one per email thread: the key is the
 * thread's root Message-ID (the first References id, else In-Reply-To, else the mail's own),
 * so a second mail of the same thread is never acknowledged again, even when it opens a
 * conversation of its own (two neighbours answering the same unknown mail, say).
 */
export const emailAcknowledgements = pgTable(
  'email_acknowledgements',
  {
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id, { onDelete: 'cascade' }),
    threadRoot: text('thread_root').notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'email_acknowledgements_pk', columns: [t.inboxId, t.threadRoot] }), index('email_acknowledgements_conversation_idx').on(t.conversationId)],
);
