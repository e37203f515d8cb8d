/**
 * Where a Telegram reply goes, written as a conversation's thread key. A plain chat id is the
 * bot's own chat with the owner; `business:<connection>:<chat id>` is the owner's chat with a
 * business account that connected this bot. Bot API: a business message "belongs to a chat
 * of the corresponding business account that is independent from any potential bot chat
 * which might share the same identifier", so the two must never share a key, and a reply
 * into the business chat must name the connection. Pure.
 */
const BUSINESS_PREFIX = 'business:';

export interface TelegramAddress {
  chatId: string;
  businessConnectionId?: string;
}

export function businessAddress(connectionId: string, chatId: number | string): string {
  return `${BUSINESS_PREFIX}${connectionId}:${chatId}`;
}

export function parseTelegramAddress(address: string): TelegramAddress {
  if (!address.startsWith(BUSINESS_PREFIX)) return { chatId: address };
  // The chat id is the part after the last colon, so a connection id may contain colons.
  const rest = address.slice(BUSINESS_PREFIX.length);
  const at = rest.lastIndexOf(':');
  if (at <= 0) return { chatId: address };
  return { chatId: rest.slice(at + 1), businessConnectionId: rest.slice(0, at) };
}

/** The external id of a message in that chat, in the same space inbound messages use. */
export function messageExternalIdAt(address: string, messageId: number): string {
  const parsed = parseTelegramAddress(address);
  return parsed.businessConnectionId ? `${businessAddress(parsed.businessConnectionId, parsed.chatId)}:${messageId}` : `${parsed.chatId}:${messageId}`;
}
