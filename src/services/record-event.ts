import { events } from '../../db/schema/index.js';
import type { StoredEvent, Tx } from './ports.js';

/** Writes an event in the caller's transaction, so it exists exactly when the change does. */
export async function recordEvent(
  tx: Tx,
  type: string,
  subject: { conversationId?: string | null; inboxId?: string | null },
  payload: Record<string, unknown>,
  /** When it happened by the service's clock; reports measure status changes by it (the database's own clock otherwise). */
  at?: Date,
): Promise<StoredEvent> {
  const [row] = await tx
    .insert(events)
    .values({ type, conversationId: subject.conversationId ?? null, inboxId: subject.inboxId ?? null, payload, ...(at ? { createdAt: at } : {}) })
    .returning();
  if (!row) throw new Error('event insert returned nothing');
  return toStoredEvent({ ...row, payload });
}

/**
 * An events row as the bus and the catch-up endpoint hand it out: the seq and the conversation
 * travel inside the payload too, so a socket client sees the object it would get from catch-up.
 */
export function toStoredEvent(row: typeof events.$inferSelect): StoredEvent {
  return { ...row, payload: { ...row.payload, seq: row.seq, conversationId: row.conversationId } };
}

export interface EventInput {
  type: string;
  conversationId?: string | null;
  inboxId?: string | null;
  payload: Record<string, unknown>;
  /** See recordEvent. */
  at?: Date;
}

/** Several events in one statement (one round trip), in the given order. */
export async function recordEvents(tx: Tx, list: EventInput[]): Promise<StoredEvent[]> {
  if (list.length === 0) return [];
  const rows = await tx
    .insert(events)
    .values(list.map((e) => ({ type: e.type, conversationId: e.conversationId ?? null, inboxId: e.inboxId ?? null, payload: e.payload, ...(e.at ? { createdAt: e.at } : {}) })))
    .returning();
  // bigserial hands out seqs in row order within one INSERT; sort to be explicit.
  rows.sort((a, b) => a.seq - b.seq);
  return rows.map(toStoredEvent);
}
