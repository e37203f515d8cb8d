/** Narrows untyped socket / catch-up payloads into events the cache can apply. */
import type { Conversation, Message, RealtimeEvent, StoredEvent } from '../api/types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isConversation(value: unknown): value is Conversation {
  return isRecord(value) && typeof value.id === 'string' && typeof value.status === 'string' && typeof value.lastMessageAt === 'string';
}

function isMessage(value: unknown): value is Message {
  return isRecord(value) && typeof value.id === 'string' && typeof value.createdAt === 'string' && typeof value.direction === 'string';
}

export const LIVE_EVENT_TYPES = ['conversation.created', 'conversation.updated', 'message.created', 'message.updated'] as const;

/** Returns null when the payload has no usable sequence number. */
export function parseEvent(type: string, payload: unknown): RealtimeEvent | null {
  if (!isRecord(payload) || typeof payload.seq !== 'number') return null;
  const seq = payload.seq;
  const conversationId = typeof payload.conversationId === 'string' ? payload.conversationId : '';
  if ((type === 'conversation.created' || type === 'conversation.updated') && isConversation(payload.conversation)) {
    return { type, seq, payload: { seq, conversationId: conversationId || payload.conversation.id, conversation: payload.conversation } };
  }
  if ((type === 'message.created' || type === 'message.updated') && isMessage(payload.message) && conversationId) {
    return { type, seq, payload: { seq, conversationId, message: payload.message } };
  }
  return { type: 'ignored', seq };
}

/** A catch-up row `{seq, type, conversationId, payload}`; the row's seq is authoritative. */
export function parseStoredEvent(event: StoredEvent): RealtimeEvent | null {
  if (typeof event.seq !== 'number') return null;
  const payload = isRecord(event.payload) ? { conversationId: event.conversationId ?? undefined, ...event.payload, seq: event.seq } : { seq: event.seq };
  return parseEvent(event.type, payload);
}
