import { events } from '../../db/schema/index.js';
import type { StoredEvent, Tx } from './ports.js';

/** Writes an event in the caller's transaction, so it exists exactly when the change does. */
export async function recordEvent(
  tx: Tx,
  type: string,
  subject: { conversationId?: string | null; inboxId?: string | null },
  payload: Record<string, unknown>,
): Promise<StoredEvent> {
  const [row] = await tx
    .insert(events)
    .values({ type, conversationId: subject.conversationId ?? null, inboxId: subject.inboxId ?? null, payload })
    .returning();
  if (!row) throw new Error('event insert returned nothing');
  // The seq travels inside the payload too, so a socket client sees the same object it
  // would get from the catch-up endpoint.
  return { ...row, payload: { ...payload, seq: row.seq, conversationId: row.conversationId } };
}
