import { and, eq, inArray } from 'drizzle-orm';
import { messages } from '../../db/schema/index.js';
import { canReadConversation, type Principal } from '../domain/permissions.js';
import type { ServiceDeps, StoredEvent } from './ports.js';
import { recordEvent } from './record-event.js';
import { loadConversationView, toMessageViews, type MessageView } from './views.js';

/**
 * An agent decides to send a failed reply again (after an interruption, or once the owner
 * unblocked the bot), or to resend one whose outcome is unknown: that is the explicit
 * decision the queue never takes by itself, so nothing goes out twice without someone
 * choosing it. Parts already delivered are not repeated. Email and the forum make the resend
 * harmless: the same Message-ID, the same forum message id.
 */
export async function retryDelivery(deps: ServiceDeps, user: Principal, messageId: string): Promise<MessageView | 'not_found' | 'not_failed'> {
  const view = await moveDelivery(deps, user, messageId, ['failed', 'unknown'], { deliveryStatus: 'queued', deliveryError: null, deliveryNotBefore: null });
  if (typeof view === 'string') return view;
  await deps.jobs.enqueueDelivery(messageId);
  return view;
}

/** The agent checked (in the owner's chat, with the owner) that a reply of unknown outcome did arrive. */
export async function confirmDelivered(deps: ServiceDeps, user: Principal, messageId: string): Promise<MessageView | 'not_found' | 'not_unknown'> {
  const view = await moveDelivery(deps, user, messageId, ['unknown'], { deliveryStatus: 'sent', deliveryError: null });
  return view === 'not_failed' ? 'not_unknown' : view;
}

async function moveDelivery(
  deps: ServiceDeps,
  user: Principal,
  messageId: string,
  from: ('failed' | 'unknown')[],
  patch: Partial<typeof messages.$inferInsert>,
): Promise<MessageView | 'not_found' | 'not_failed'> {
  const [msg] = await deps.db.select().from(messages).where(eq(messages.id, messageId));
  if (!msg) return 'not_found';
  const conv = await loadConversationView(deps.db, msg.conversationId);
  if (!conv || !canReadConversation(user, conv.assignee?.id ?? null)) return 'not_found';
  const published: StoredEvent[] = [];
  const view = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(and(eq(messages.id, messageId), inArray(messages.deliveryStatus, from)))
      .returning();
    if (!row) return null;
    const [v] = await toMessageViews(tx, [row]);
    published.push(await recordEvent(tx, 'message.updated', { conversationId: row.conversationId, inboxId: row.inboxId }, { message: v }));
    return v ?? null;
  });
  if (!view) return 'not_failed';
  deps.bus.publish(published);
  return view;
}
