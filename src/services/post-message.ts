/**
 * An agent's reply or private note. The reply is stored first (delivery `queued`) and a
 * durable job delivers it; a note is never sent anywhere.
 */
import { eq, sql } from 'drizzle-orm';
import { conversations, messages } from '../../db/schema/index.js';
import type { Attachment } from '../../channels/types.js';
import { previewOf } from '../domain/conversation.js';
import type { ServiceDeps, StoredEvent, Tx } from './ports.js';
import { recordEvent } from './record-event.js';
import { loadConversationView, toMessageViews, type MessageView } from './views.js';

export interface PostMessageInput {
  conversationId: string;
  senderType: 'agent' | 'bot' | 'system';
  senderId: string | null;
  content: string;
  private?: boolean;
  meta?: Record<string, unknown>;
  /** Stored files (email composer attachments); the channel sends them with the reply. */
  attachments?: Attachment[];
  /**
   * Leave the conversation's last message (list preview, direction) as it is: an automatic
   * acknowledgement is sent, but the owner's mail is still what waits for an answer.
   */
  keepsLastMessage?: boolean;
  /** When it was written (default now): a bot turn of several replies spaces them so they go out in order. */
  at?: Date;
}

/** Stores an outbound message inside the caller's transaction; returns its events. */
export async function insertOutbound(tx: Tx, deps: Pick<ServiceDeps, 'clock'>, input: PostMessageInput) {
  const now = input.at ?? deps.clock.now();
  const [conv] = await tx
    .select({ inboxId: conversations.inboxId })
    .from(conversations)
    .where(eq(conversations.id, input.conversationId));
  if (!conv) return null;
  const isPrivate = input.private === true;
  const [row] = await tx
    .insert(messages)
    .values({
      conversationId: input.conversationId,
      inboxId: conv.inboxId,
      direction: 'out',
      senderType: input.senderType,
      senderId: input.senderId,
      private: isPrivate,
      content: input.content,
      contentType: 'text',
      attachments: input.attachments ?? [],
      meta: input.meta ?? {},
      deliveryStatus: isPrivate ? null : 'queued',
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('message insert returned nothing');
  // A note does not change what the owner last saw, and an acknowledgement does not answer
  // the owner: both leave the list preview alone.
  const touchesList = !isPrivate && input.keepsLastMessage !== true;
  if (touchesList) {
    await tx
      .update(conversations)
      .set({ lastMessageAt: now, lastMessagePreview: previewOf(input.content, 'text'), lastMessageDirection: 'out', updatedAt: now })
      .where(eq(conversations.id, input.conversationId));
  } else {
    await tx.update(conversations).set({ updatedAt: sql`now()` }).where(eq(conversations.id, input.conversationId));
  }
  const [view] = await toMessageViews(tx, [row]);
  if (!view) throw new Error('message view missing');
  const subject = { conversationId: input.conversationId, inboxId: conv.inboxId };
  const events: StoredEvent[] = [await recordEvent(tx, 'message.created', subject, { message: view })];
  if (touchesList) {
    events.push(await recordEvent(tx, 'conversation.updated', subject, { conversation: await loadConversationView(tx, input.conversationId) }));
  }
  return { message: view, events, needsDelivery: !isPrivate };
}

export async function postMessage(deps: ServiceDeps, input: PostMessageInput): Promise<MessageView | null> {
  const result = await deps.db.transaction((tx) => insertOutbound(tx, deps, input));
  if (!result) return null;
  deps.bus.publish(result.events);
  if (result.needsDelivery) await deps.jobs.enqueueDelivery(result.message.id);
  return result.message;
}
