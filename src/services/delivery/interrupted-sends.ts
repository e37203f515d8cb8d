/**
 * Sends whose process died mid-way: a row still `sending` well past the send timeout has no
 * attempt left that could finish it. Whether the channel got it cannot be known, so it becomes
 * `unknown` for an agent to confirm or resend; it is never resent by itself.
 */
import { and, eq, inArray, lt } from 'drizzle-orm';
import { messages } from '../../../db/schema/index.js';
import { interruptedReason, staleSendingAfterMs } from '../deliver-message.js';
import type { ServiceDeps, StoredEvent } from '../ports.js';
import { recordEvent } from '../record-event.js';
import { toMessageViews } from '../views.js';

/** Returns the ids it marked, so the next reply of each conversation can go out. */
export async function markInterruptedSends(deps: ServiceDeps, sendTimeoutMs: number): Promise<string[]> {
  const cutoff = new Date(deps.clock.now().getTime() - staleSendingAfterMs(sendTimeoutMs));
  const stale = await deps.db
    .select({ id: messages.id, partsDone: messages.deliveryPartsDone })
    .from(messages)
    .where(and(eq(messages.deliveryStatus, 'sending'), lt(messages.updatedAt, cutoff)))
    .limit(500);
  const marked: string[] = [];
  for (const row of stale) {
    const published: StoredEvent[] = [];
    await deps.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(messages)
        .set({ deliveryStatus: 'unknown', deliveryError: interruptedReason(row.partsDone), updatedAt: deps.clock.now() })
        // Still the same stale claim: a worker that just finished it wins.
        .where(and(eq(messages.id, row.id), inArray(messages.deliveryStatus, ['sending']), lt(messages.updatedAt, cutoff)))
        .returning();
      if (!updated) return;
      marked.push(updated.id);
      const [view] = await toMessageViews(tx, [updated]);
      published.push(await recordEvent(tx, 'message.updated', { conversationId: updated.conversationId, inboxId: updated.inboxId }, { message: view }));
    });
    deps.bus.publish(published);
  }
  if (marked.length > 0) deps.logger.warn('interrupted sends marked unknown', { count: marked.length });
  return marked;
}
