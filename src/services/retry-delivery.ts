import { and, eq } from 'drizzle-orm';
import { messages } from '../../db/schema/index.js';
import { canReadConversation, type Principal } from '../domain/permissions.js';
import type { ServiceDeps, StoredEvent } from './ports.js';
import { recordEvent } from './record-event.js';
import { loadConversationView, toMessageViews, type MessageView } from './views.js';

/**
 * An agent decides to send a failed reply again (after an interruption, or once the owner
 * unblocked the bot). Parts already delivered are not repeated.
 */
export async function retryDelivery(deps: ServiceDeps, user: Principal, messageId: string): Promise<MessageView | 'not_found' | 'not_failed'> {
  const [msg] = await deps.db.select().from(messages).where(eq(messages.id, messageId));
  if (!msg) return 'not_found';
  const conv = await loadConversationView(deps.db, msg.conversationId);
  if (!conv || !canReadConversation(user, conv.assignee?.id ?? null)) return 'not_found';
  const published: StoredEvent[] = [];
  const view = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({ deliveryStatus: 'queued', deliveryError: null, updatedAt: deps.clock.now() })
      .where(and(eq(messages.id, messageId), eq(messages.deliveryStatus, 'failed')))
      .returning();
    if (!row) return null;
    const [v] = await toMessageViews(tx, [row]);
    published.push(await recordEvent(tx, 'message.updated', { conversationId: row.conversationId, inboxId: row.inboxId }, { message: v }));
    return v ?? null;
  });
  if (!view) return 'not_failed';
  deps.bus.publish(published);
  await deps.jobs.enqueueDelivery(messageId);
  return view;
}
