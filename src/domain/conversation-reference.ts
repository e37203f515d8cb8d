/**
 * The reference number an owner can quote for a conversation, `HX-3F2A9C1B`. Conversations
 * have no number of their own (tickets do: `WO-YYYYMMDD-NNNN`), so the reference is read off
 * the conversation's id: the first 8 hex digits of its UUID, upper case. It is stable (the
 * id never changes), needs no counter or column, and leads back to the conversation by an id
 * prefix. 32 random bits make two conversations with one reference rare but possible, which
 * is acceptable for a number a person quotes, not a key the system looks up alone.
 */
export const CONVERSATION_REFERENCE_PREFIX = 'HX';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^HX-([0-9A-F]{8})$/;

export function conversationReference(conversationId: string): string {
  if (!UUID.test(conversationId)) throw new TypeError(`not a conversation id: ${conversationId}`);
  return `${CONVERSATION_REFERENCE_PREFIX}-${conversationId.slice(0, 8).toUpperCase()}`;
}

/** The lower-case id prefix a reference stands for (`hx-3f2a9c1b ` → `3f2a9c1b`), or null. */
export function parseConversationReference(value: string): string | null {
  const m = REFERENCE.exec(value.trim().toUpperCase());
  return m?.[1] ? m[1].toLowerCase() : null;
}
