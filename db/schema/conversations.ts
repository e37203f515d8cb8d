import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, integer, unique, index } from 'drizzle-orm/pg-core';
import { inboxes } from './inboxes.js';
import { contacts } from './contacts.js';
import { users } from './users.js';

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    channel: text('channel').notNull(),
    status: text('status').notNull().default('open'),
    assigneeId: uuid('assignee_id').references(() => users.id),
    subject: text('subject'),
    /** Channel-level grouping key (Telegram chat id, email root Message-ID). */
    threadKey: text('thread_key').notNull(),
    /**
     * Equals threadKey while the conversation is the one open for that thread, null once
     * resolved. A unique index on it makes "find or open" safe under concurrent deliveries.
     */
    openKey: text('open_key'),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    lastMessagePreview: text('last_message_preview'),
    lastMessageDirection: text('last_message_direction'),
    unreadCount: integer('unread_count').notNull().default(0),
    /** Workspace triage (issue 6): priority, labels (ids from the labels catalog), snooze. */
    priority: text('priority').$type<'low' | 'normal' | 'high' | 'urgent'>().notNull().default('normal'),
    labelIds: uuid('label_ids').array().notNull().default(sql`'{}'::uuid[]`),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('conversations_open_key_uq').on(t.inboxId, t.openKey),
    index('conversations_activity_idx').on(t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_status_activity_idx').on(t.status, t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_contact_idx').on(t.contactId),
    index('conversations_labels_idx').using('gin', t.labelIds),
    index('conversations_assignee_activity_idx').on(t.assigneeId, t.lastMessageAt.desc(), t.id.desc()),
  ],
);
