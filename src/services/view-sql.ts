/**
 * The conversation and message views of views.ts, built by PostgreSQL as jsonb. The webhook's
 * hot path stores its events in the same statement as the message (one round trip), so their
 * payloads have to be made in SQL. views.ts stays the reference: test/integration/view-sql
 * compares both builders over the states a conversation and a message can be in.
 */
import { sql, type SQL } from 'drizzle-orm';

/** A timestamptz as JavaScript's Date#toISOString() writes it (UTC, milliseconds, "Z"). */
export function isoSql(ts: SQL): SQL {
  return sql`to_char(${ts} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * toConversationView over a conversations row aliased `c`.
 * @param contactName the contact's name; @param assigneeName the assignee's name (or null)
 */
export function conversationViewSql(c: string, contactName: SQL, assigneeName: SQL): SQL {
  const col = (name: string) => sql.raw(`${c}.${name}`);
  return sql`jsonb_build_object(
    'id', ${col('id')},
    'inboxId', ${col('inbox_id')},
    'status', ${col('status')},
    'channel', ${col('channel')},
    'subject', ${col('subject')},
    'contact', jsonb_build_object('id', ${col('contact_id')}, 'name', ${contactName}),
    'assignee', case when ${col('assignee_id')} is null then null
      else jsonb_build_object('id', ${col('assignee_id')}, 'name', coalesce(${assigneeName}, '')) end,
    'lastMessageAt', ${isoSql(col('last_message_at'))},
    'unreadCount', ${col('unread_count')},
    'lastMessage', case when ${col('last_message_preview')} is null or ${col('last_message_direction')} is null then null
      else jsonb_build_object('content', ${col('last_message_preview')},
        'direction', case when ${col('last_message_direction')} = 'out' then 'out' else 'in' end) end,
    'createdAt', ${isoSql(col('created_at'))},
    'priority', ${col('priority')},
    'labelIds', to_jsonb(${col('label_ids')}),
    'snoozedUntil', ${isoSql(col('snoozed_until'))}
  )`;
}

/**
 * toMessageView over a messages row aliased `m`, for a message written by a contact.
 * @param contactName the contact's name ("Contact" when it has none, as toMessageViews says)
 */
export function contactMessageViewSql(m: string, contactName: SQL): SQL {
  const col = (name: string) => sql.raw(`${m}.${name}`);
  return sql`jsonb_build_object(
    'id', ${col('id')},
    'conversationId', ${col('conversation_id')},
    'direction', ${col('direction')},
    'sender', jsonb_build_object('type', ${col('sender_type')}, 'id', ${col('sender_id')}, 'name', coalesce(nullif(${contactName}, ''), 'Contact')),
    'private', ${col('private')},
    'content', ${col('content')},
    'contentType', ${col('content_type')},
    'html', ${col('html')},
    'attachments', ${col('attachments')},
    'meta', ${col('meta')},
    'edited', ${col('edited')},
    'createdAt', ${isoSql(col('created_at'))},
    'delivery', case when ${col('delivery_status')} is null then null
      else jsonb_build_object('status', case when ${col('delivery_status')} = 'sending' then 'queued' else ${col('delivery_status')} end,
        'error', ${col('delivery_error')}) end
  )`;
}
