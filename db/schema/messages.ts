import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, timestamp, boolean, jsonb, integer, unique, index } from 'drizzle-orm/pg-core';
import type { Attachment } from '../../channels/types.js';
import { conversations } from './conversations.js';
import { inboxes } from './inboxes.js';

/**
 * An inbound attachment with the platform's `fileId` that was neither stored nor skipped
 * (src/services/media/pending-media.ts says the same in TypeScript).
 */
export const MEDIA_PENDING_SQL = `jsonb_path_exists(attachments, '$[*] ? (exists(@.fileId) && !exists(@.storageKey) && !exists(@.skipped))')`;

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    inboxId: uuid('inbox_id')
      .notNull()
      .references(() => inboxes.id),
    direction: text('direction').$type<'in' | 'out'>().notNull(),
    senderType: text('sender_type').$type<'contact' | 'agent' | 'bot' | 'system'>().notNull(),
    senderId: uuid('sender_id'),
    private: boolean('private').notNull().default(false),
    content: text('content').notNull(),
    contentType: text('content_type').notNull().default('text'),
    html: text('html'),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    /** The channel's id for an inbound message; dedupes redeliveries. Null for outbound until sent. */
    externalId: text('external_id'),
    edited: boolean('edited').notNull().default(false),
    /**
     * queued → sending → sent | failed | unknown; null for inbound messages and private notes.
     * `unknown`: the send started but its outcome was never recorded (a crash, a timeout): it
     * may have been sent, so an agent confirms it (→ sent) or resends it (→ queued).
     */
    deliveryStatus: text('delivery_status').$type<'queued' | 'sending' | 'sent' | 'failed' | 'unknown'>(),
    deliveryError: text('delivery_error'),
    /** How many parts of a split message are out, so a retry never repeats one. */
    deliveryPartsDone: integer('delivery_parts_done').notNull().default(0),
    /** Earliest time for the next attempt (a rate limit's retry_after). */
    deliveryNotBefore: timestamp('delivery_not_before', { withTimezone: true }),
    deliveryExternalIds: jsonb('delivery_external_ids').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('messages_external_uq').on(t.inboxId, t.externalId),
    index('messages_conversation_idx').on(t.conversationId, t.createdAt),
    // Owners' files still waiting for their bytes: the media sweep reads only these rows.
    index('messages_media_pending_idx').on(t.createdAt).where(sql.raw(`direction = 'in' and ${MEDIA_PENDING_SQL}`)),
    // The delivery sweeps (stranded queued replies, sends a dead process left `sending`) read only these few rows.
    index('messages_delivery_open_idx').on(t.updatedAt).where(sql`delivery_status in ('queued', 'sending')`),
  ],
);
