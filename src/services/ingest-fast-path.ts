/**
 * The common case of an inbound message in one statement: a known owner (unchanged display
 * name) writing into the conversation already open for their thread. One CTE inserts the
 * message, updates the conversation and returns both rows with the names the views need,
 * instead of a lookup, an insert, an update and a name query, each a round trip.
 *
 * Returns null when the case does not apply (first contact, renamed owner, no open
 * conversation) or the message is a redelivery; the caller then takes the general path,
 * which handles both. Nothing is written in that case.
 */
import { getTableColumns, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { contactIdentities, contacts, conversations, messages, users } from '../../db/schema/index.js';
import type { InboundMessage } from '../../channels/types.js';
import type { Tx } from './ports.js';

export interface FastIngestResult {
  message: typeof messages.$inferSelect;
  conversation: typeof conversations.$inferSelect;
  contactName: string;
  assigneeName: string | null;
}

export async function tryFastIngest(
  tx: Tx,
  msg: InboundMessage,
  values: { now: Date; preview: string; meta: Record<string, unknown> },
): Promise<FastIngestResult | null> {
  const now = values.now.toISOString();
  const result = await tx.execute(sql`
    with target as (
      select ci.contact_id, ct.name as contact_name, c.id as conversation_id
      from ${contactIdentities} ci
      join ${contacts} ct on ct.id = ci.contact_id
      join ${conversations} c on c.inbox_id = ${msg.inboxId} and c.open_key = ${msg.threadKey}
      where ci.channel = ${msg.channel} and ci.external_id = ${msg.author.externalId} and ci.display_name = ${msg.author.name}
      limit 1
    ), m as (
      insert into ${messages} (conversation_id, inbox_id, direction, sender_type, sender_id, content, content_type, html,
        attachments, meta, external_id, created_at, updated_at)
      select target.conversation_id, ${msg.inboxId}, 'in', 'contact', target.contact_id, ${msg.text}, ${msg.contentType},
        ${msg.html ?? null}, ${JSON.stringify(msg.attachments)}::jsonb, ${JSON.stringify(values.meta)}::jsonb, ${msg.externalId},
        ${now}::timestamptz, ${now}::timestamptz
      from target
      on conflict (inbox_id, external_id) do nothing
      returning *
    ), c as (
      update ${conversations} set
        -- An owner writing again puts a pending conversation back on the open list and wakes a snoozed one.
        status = case when ${conversations}.status = 'pending' then 'open' else ${conversations}.status end,
        last_message_at = ${now}::timestamptz,
        last_message_preview = ${values.preview},
        last_message_direction = 'in',
        unread_count = ${conversations}.unread_count + 1,
        snoozed_until = null,
        updated_at = ${now}::timestamptz
      from m
      where ${conversations}.id = m.conversation_id
      returning ${conversations}.*
    )
    select row_to_json(m.*) as m, row_to_json(c.*) as c, target.contact_name, u.name as assignee_name
    from m join c on true cross join target left join ${users} u on u.id = c.assignee_id
  `);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    m: Record<string, unknown>;
    c: Record<string, unknown>;
    contact_name: string;
    assignee_name: string | null;
  }[];
  const row = rows[0];
  if (!row) return null;
  return {
    message: fromJsonRow(messages, row.m) as typeof messages.$inferSelect,
    conversation: fromJsonRow(conversations, row.c) as typeof conversations.$inferSelect,
    contactName: row.contact_name,
    assigneeName: row.assignee_name,
  };
}

/** A row_to_json object (database column names, JSON values) as drizzle's typed row. */
function fromJsonRow(table: PgTable, json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table)) as [string, Column][]) {
    const value = json[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out;
}
