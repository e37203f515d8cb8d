/**
 * Which conversation an incoming email belongs to — a pure decision over the mail's reply
 * headers and what the caller found in the store for them.
 *
 * Rules (issue 3, "Threading"):
 * - A mail without reply headers (and without a reply token) opens a new conversation, even
 *   from a known owner: each new email is its own matter.
 * - A reply joins by In-Reply-To first, then References newest first, then the reply+<token>@
 *   address it was sent to; only ids we stored or generated count.
 * - A sender who is not a participant of the conversation those headers point at opens a new
 *   conversation instead (one owner's thread never leaks to another).
 * - A subject match alone never merges: the subject is not even an input.
 */

export interface KnownMessage {
  messageId: string;
  conversationId: string;
  /** Lower-case addresses that took part in the conversation (owner, CCs, our mailbox). */
  participants: string[];
}

export interface ThreadingInput {
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  /** The sender's address (From). */
  sender: string;
  /** Stored messages whose Message-ID is one of `inReplyTo`/`references`. */
  known: KnownMessage[];
  /** The token of a `mailbox+<token>@` address the mail was delivered to, if any. */
  replyToken?: string;
  /** What the caller resolved `replyToken` to, if anything. */
  tokenConversation?: { token: string; conversationId: string; participants: string[] };
}

export type JoinReason = 'in-reply-to' | 'references' | 'reply-token';
export type OpenReason = 'no-reply-headers' | 'unknown-references' | 'sender-not-participant';

export type ThreadDecision =
  | { action: 'join'; conversationId: string; reason: JoinReason; /** The id or token that matched. */ matched: string }
  | { action: 'open'; reason: OpenReason; /** The conversation the headers pointed at, when refused. */ refusedConversationId?: string };

function normalizeId(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
}

function isParticipant(sender: string, participants: string[]): boolean {
  const s = sender.trim().toLowerCase();
  return s !== '' && participants.some((p) => p.trim().toLowerCase() === s);
}

export function decideThread(input: ThreadingInput): ThreadDecision {
  const own = input.messageId ? normalizeId(input.messageId) : undefined;
  const byId = new Map(input.known.map((k) => [normalizeId(k.messageId), k]));

  const candidates: Array<{ id: string; reason: JoinReason }> = [];
  if (input.inReplyTo) candidates.push({ id: normalizeId(input.inReplyTo), reason: 'in-reply-to' });
  for (const ref of [...input.references].reverse()) candidates.push({ id: normalizeId(ref), reason: 'references' });

  const hasReplyHeaders = candidates.some((c) => c.id !== own);
  const token = input.replyToken?.trim();

  for (const candidate of candidates) {
    if (candidate.id === own) continue; // a mail never answers itself
    const known = byId.get(candidate.id);
    if (!known) continue;
    if (!isParticipant(input.sender, known.participants)) {
      return { action: 'open', reason: 'sender-not-participant', refusedConversationId: known.conversationId };
    }
    return { action: 'join', conversationId: known.conversationId, reason: candidate.reason, matched: candidate.id };
  }

  const resolved = input.tokenConversation;
  if (token && resolved && resolved.token === token) {
    if (!isParticipant(input.sender, resolved.participants)) {
      return { action: 'open', reason: 'sender-not-participant', refusedConversationId: resolved.conversationId };
    }
    return { action: 'join', conversationId: resolved.conversationId, reason: 'reply-token', matched: token };
  }

  return { action: 'open', reason: hasReplyHeaders || token ? 'unknown-references' : 'no-reply-headers' };
}

// --- Message-IDs we generate ---------------------------------------------------------------

const ID_PART = /^[A-Za-z0-9_-]+$/;
const OWN_ID = /^<?huixin\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)@([^<>\s@]+)>?$/;

/** `<huixin.{conversationId}.{messageId}@domain>`: every outbound mail names its conversation. */
export function makeMessageId(conversationId: string, messageId: string, domain: string): string {
  if (!ID_PART.test(conversationId) || !ID_PART.test(messageId)) {
    throw new TypeError('conversation and message ids must be [A-Za-z0-9_-]+ to fit in a Message-ID');
  }
  if (!/^[A-Za-z0-9.-]+$/.test(domain)) throw new TypeError(`invalid Message-ID domain: ${domain}`);
  return `<huixin.${conversationId}.${messageId}@${domain.toLowerCase()}>`;
}

export function parseOwnMessageId(id: string): { conversationId: string; messageId: string } | null {
  const match = OWN_ID.exec(id.trim());
  if (!match?.[1] || !match[2]) return null;
  return { conversationId: match[1], messageId: match[2] };
}

// --- plus-addressed Reply-To -----------------------------------------------------------------

const TOKEN = /^[A-Za-z0-9_-]{4,64}$/;

/** `support@example.com` + `k3j9` → `support+k3j9@example.com` */
export function makeReplyAddress(address: string, token: string): string {
  if (!TOKEN.test(token)) throw new TypeError('reply token must be 4–64 characters of [A-Za-z0-9_-]');
  const at = address.lastIndexOf('@');
  if (at <= 0) throw new TypeError(`not an email address: ${address}`);
  return `${address.slice(0, at)}+${token}${address.slice(at)}`;
}

/** The token of `local+token@domain` (display names and angle brackets allowed), or null. */
export function parseReplyToken(address: string): string | null {
  const bare = /<([^<>]+)>/.exec(address)?.[1] ?? address;
  const at = bare.lastIndexOf('@');
  if (at <= 0) return null;
  const local = bare.slice(0, at).trim();
  const plus = local.lastIndexOf('+');
  if (plus <= 0) return null;
  const token = local.slice(plus + 1);
  return TOKEN.test(token) ? token : null;
}
