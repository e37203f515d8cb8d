/**
 * The common case of an inbound message — a known owner (unchanged display name) writing into
 * the conversation already open for their thread — as one statement: one CTE inserts the
 * message, updates the conversation and records the events with their payloads (built in SQL
 * by view-sql.ts). A single statement is atomic, so the message, the conversation's change and
 * the events exist together or not at all, and it needs no BEGIN/COMMIT round trips.
 *
 * Messages that arrive while the statement is running wait for it and then go together in the
 * next one (group commit): under load one statement stores many messages, so the round trip,
 * executor start-up and the commit's flush are paid once per batch, not per message; when it
 * is quiet every message goes alone, at once. One statement runs at a time per database, so two
 * never wait on each other's conversation rows (no deadlocks). Measured on 2 cores, two
 * statements side by side stored fewer messages a second than one (BENCHMARKS.md).
 *
 * A message the case does not apply to (first contact, renamed owner, no open conversation) or
 * that is a redelivery is answered null with nothing written; the caller takes the general
 * path, which handles both.
 */
import { sql } from 'drizzle-orm';
import { contactIdentities, contacts, conversations, events, messages, users } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { resultRows } from '../../db/result-rows.js';
import { staticSql } from '../../db/static-sql.js';
import type { InboundMessage } from '../../channels/types.js';
import type { StoredEvent } from './ports.js';
import { toStoredEvent } from './record-event.js';
import { contactMessageViewSql, conversationViewSql } from './view-sql.js';

export interface FastIngestInput {
  msg: InboundMessage;
  now: Date;
  preview: string;
  meta: Record<string, unknown>;
}

export interface FastIngestResult {
  conversationId: string;
  messageId: string;
  contactId: string;
  /** This message's events in seq order: the conversation's update (for the first message of
   * its conversation in the batch, showing the state after the whole batch), then message.created. */
  events: StoredEvent[];
}

/** The most messages one statement stores. */
const MAX_BATCH = 64;

interface Pending {
  input: FastIngestInput;
  resolve(result: FastIngestResult | null): void;
  reject(err: unknown): void;
}

interface Batcher {
  queue: Pending[];
  running: boolean;
}

const batchers = new WeakMap<Db, Batcher>();

export function fastIngest(db: Db, input: FastIngestInput): Promise<FastIngestResult | null> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = { queue: [], running: false };
    batchers.set(db, batcher);
  }
  const b = batcher;
  return new Promise((resolve, reject) => {
    b.queue.push({ input, resolve, reject });
    if (!b.running) void drain(db, b);
  });
}

async function drain(db: Db, b: Batcher): Promise<void> {
  b.running = true;
  try {
    while (b.queue.length > 0) {
      const batch = b.queue.splice(0, MAX_BATCH);
      try {
        settle(batch, await storeBatch(db, batch.map((p) => p.input)));
      } catch (err) {
        if (batch.length === 1) {
          batch[0]!.reject(err);
          continue;
        }
        // One bad message must not fail the others: store each on its own, each with its own answer.
        for (const p of batch) {
          try {
            settle([p], await storeBatch(db, [p.input]));
          } catch (single) {
            p.reject(single);
          }
        }
      }
    }
  } finally {
    b.running = false;
  }
}

function settle(batch: Pending[], results: (FastIngestResult | null)[]): void {
  batch.forEach((p, i) => p.resolve(results[i] ?? null));
}

interface Row {
  kind: 'event' | 'stored';
  seq: string | number | null;
  type: string | null;
  conversation_id: string;
  inbox_id: string;
  payload: Record<string, unknown> | null;
  created_at: string | Date | null;
  ord: number;
  message_id: string | null;
  contact_id: string | null;
}

/** Input rows travel as one jsonb array; `ord` is the message's place in the batch. */
const batchSql = staticSql(
  ['input'],
  (p) => sql`
    with input as (
      select * from jsonb_to_recordset(${p.input}::jsonb) as i(ord int, inbox_id uuid, thread_key text, channel text,
        author_id text, author_name text, content text, content_type text, html text, attachments jsonb, meta jsonb,
        external_id text, at timestamptz, preview text)
    ), target as (
      select input.*, t.contact_id, t.contact_name, t.conversation_id
      from input cross join lateral (
        select ci.contact_id, ct.name as contact_name, c.id as conversation_id
        from ${contactIdentities} ci
        join ${contacts} ct on ct.id = ci.contact_id
        join ${conversations} c on c.inbox_id = input.inbox_id and c.open_key = input.thread_key
        where ci.channel = input.channel and ci.external_id = input.author_id and ci.display_name = input.author_name
        limit 1
      ) t
    ), m as (
      insert into ${messages} (conversation_id, inbox_id, direction, sender_type, sender_id, content, content_type, html,
        attachments, meta, external_id, created_at, updated_at)
      select conversation_id, inbox_id, 'in', 'contact', contact_id, content, content_type, html, attachments, meta,
        external_id, at, at
      from target order by ord
      on conflict (inbox_id, external_id) do nothing
      returning *
    ), mi as (
      -- Each stored message with its input row (a message given twice in one batch is stored once).
      select distinct on (m.id) m.*, target.ord, target.preview, target.contact_name
      from m join target on target.inbox_id = m.inbox_id and target.external_id = m.external_id
      order by m.id, target.ord
    ), agg as (
      select conversation_id, count(*)::int as n, max(created_at) as last_at, min(ord) as first_ord,
        (array_agg(preview order by ord desc))[1] as preview, (array_agg(contact_name order by ord))[1] as contact_name
      from mi group by conversation_id
    ), c as (
      update ${conversations} set
        -- An owner writing again puts a pending conversation back on the open list and wakes a snoozed one.
        status = case when ${conversations}.status = 'pending' then 'open' else ${conversations}.status end,
        last_message_at = agg.last_at,
        last_message_preview = agg.preview,
        last_message_direction = 'in',
        unread_count = ${conversations}.unread_count + agg.n,
        snoozed_until = null,
        updated_at = agg.last_at
      from agg
      where ${conversations}.id = agg.conversation_id
      returning ${conversations}.*
    ), e as (
      insert into ${events} (type, conversation_id, inbox_id, payload)
      select type, conversation_id, inbox_id, payload from (
        select 'conversation.updated' as type, c.id as conversation_id, c.inbox_id, agg.first_ord as ord, 0 as part,
          jsonb_build_object('conversation', ${conversationViewSql('c', sql`agg.contact_name`, sql`u.name`)}) as payload
        from c join agg on agg.conversation_id = c.id left join ${users} u on u.id = c.assignee_id
        union all
        select 'message.created', mi.conversation_id, mi.inbox_id, mi.ord, 1,
          jsonb_build_object('message', ${contactMessageViewSql('mi', sql`mi.contact_name`)})
        from mi
      ) x
      order by ord, part
      returning seq, type, conversation_id, inbox_id, payload, created_at
    )
    select 'event' as kind, e.seq, e.type, e.conversation_id, e.inbox_id, e.payload, e.created_at,
      0 as ord, null::uuid as message_id, null::uuid as contact_id
    from e
    union all
    select 'stored', null, null, mi.conversation_id, mi.inbox_id, null, null, mi.ord, mi.id, mi.sender_id
    from mi
  `,
);

async function storeBatch(db: Db, inputs: FastIngestInput[]): Promise<(FastIngestResult | null)[]> {
  const input = JSON.stringify(
    inputs.map(({ msg, now, preview, meta }, ord) => ({
      ord,
      inbox_id: msg.inboxId,
      thread_key: msg.threadKey,
      channel: msg.channel,
      author_id: msg.author.externalId,
      author_name: msg.author.name,
      content: msg.text,
      content_type: msg.contentType,
      html: msg.html ?? null,
      attachments: msg.attachments,
      meta,
      external_id: msg.externalId,
      at: now.toISOString(),
      preview,
    })),
  );
  const result = await db.execute(batchSql({ input }));
  const rows = resultRows<Row>(result);

  const results: (FastIngestResult | null)[] = inputs.map(() => null);
  const byMessage = new Map<string, FastIngestResult>();
  for (const r of rows) {
    if (r.kind !== 'stored') continue;
    const stored = { conversationId: r.conversation_id, messageId: r.message_id!, contactId: r.contact_id!, events: [] };
    results[Number(r.ord)] = stored;
    byMessage.set(stored.messageId, stored);
  }
  // Events in seq order, each given to its message: message.created to the message it shows,
  // a conversation's update to the next message of that conversation.
  const eventRows = rows.filter((r) => r.kind === 'event').sort((a, b) => Number(a.seq) - Number(b.seq));
  const pendingUpdate = new Map<string, StoredEvent>();
  for (const r of eventRows) {
    const event = toStoredEvent({
      seq: Number(r.seq),
      type: r.type!,
      conversationId: r.conversation_id,
      inboxId: r.inbox_id,
      payload: r.payload!,
      createdAt: new Date(r.created_at!),
    });
    if (event.type === 'conversation.updated') {
      pendingUpdate.set(event.conversationId!, event);
      continue;
    }
    const owner = byMessage.get((r.payload!.message as { id: string }).id);
    if (!owner) throw new Error('fast ingest: an event for a message the batch did not store');
    const update = pendingUpdate.get(event.conversationId!);
    if (update) {
      owner.events.push(update);
      pendingUpdate.delete(event.conversationId!);
    }
    owner.events.push(event);
  }
  if (pendingUpdate.size > 0) throw new Error('fast ingest: a conversation update without its message');
  return results;
}
