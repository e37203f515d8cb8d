/**
 * Telegram update → normalized inbound items (DESIGN.md, "One message's way through", step 3).
 *
 * Pure and deterministic: the result depends only on the arguments, never on the clock.
 * `decodeTelegramUpdate` is the one entry the webhook and the poller call: it takes any
 * decoded JSON and says what to store, or why nothing can be (so the caller acknowledges the
 * update instead of having it redelivered forever), or that the body is no update at all.
 *
 * Only private chats are an owner talking to the service center; groups and channels are
 * somebody else's conversation. Business messages (a business account that connected this
 * bot) are owners writing to that account, kept in conversations of their own.
 */
import { cleanStrings } from '../clean-strings.js';
import type { Inbound, InboundAuthor, InboundBlock, InboundCallback, InboundEdit, InboundMessage } from '../types.js';
import { businessAddress } from './address.js';
import { readContent, serviceEventOf } from './read-content.js';
import {
  handledKindSchemas,
  updateEnvelopeSchema,
  type CheckedUpdate,
  type HandledKind,
  type TelegramCallbackQuery,
  type TelegramChat,
  type TelegramMessage,
  type TelegramMyChatMember,
  type TelegramUser,
} from './update-schema.js';

export interface NormalizeOptions {
  /**
   * When the webhook request arrived. Telegram puts no timestamp on a callback query, so a
   * callback's `at` uses this; without it we fall back to the date of the message that
   * carried the button (never the clock, to stay deterministic).
   */
  receivedAt?: Date;
}

/**
 * - `accept`: store these items (at least one);
 * - `ignore`: a Telegram update that can never give an item (another chat type, a service
 *   message, a kind we do not handle, a payload missing what an item needs); answer 200;
 * - `reject`: not a Telegram update at all (no `update_id`); Telegram never sends this.
 */
export type TelegramDecoded =
  | { outcome: 'accept'; updateId: number; kind: string; items: Inbound[] }
  | { outcome: 'ignore'; updateId: number; kind: string; reason: string }
  | { outcome: 'reject'; reason: string };

const REASON_MAX = 300;

export function decodeTelegramUpdate(payload: unknown, inboxId: string, options: NormalizeOptions = {}): TelegramDecoded {
  // A NUL or a lone surrogate would fail the insert on every redelivery: clean them first.
  const body = cleanStrings(payload);
  const envelope = updateEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { outcome: 'reject', reason: `not a Telegram update: ${issuesOf(envelope.error)}` };
  const update = envelope.data as Record<string, unknown> & { update_id: number };
  const updateId = update.update_id;
  const kind = updateKind(update);
  const ignore = (reason: string): TelegramDecoded => ({ outcome: 'ignore', updateId, kind, reason: clip(reason) });

  if (!isHandled(kind)) return ignore(unhandledReason(kind, update));
  const parsed = handledKindSchemas[kind].safeParse(update[kind]);
  if (!parsed.success) return ignore(`${kind} unusable: ${issuesOf(parsed.error, kind)}`);
  const checked = { kind, updateId, payload: parsed.data } as CheckedUpdate;
  // `raw` keeps the payload as sent (cleaned), not the checked copy with bad details dropped.
  const result = toInbound(checked, update[kind], inboxId, options);
  return typeof result === 'string' ? ignore(result) : { outcome: 'accept', updateId, kind, items: result };
}

/** The items of an update, [] when it is ignored (see `describeIgnored` for why). */
export function normalizeTelegramUpdate(update: unknown, inboxId: string, options: NormalizeOptions = {}): Inbound[] {
  const decoded = decodeTelegramUpdate(update, inboxId, options);
  return decoded.outcome === 'accept' ? decoded.items : [];
}

/** A one-line reason why an update gives no item, or null when it gives at least one. */
export function describeIgnored(update: unknown): string | null {
  const decoded = decodeTelegramUpdate(update, '');
  return decoded.outcome === 'accept' ? null : decoded.reason;
}

function toInbound(update: CheckedUpdate, raw: unknown, inboxId: string, options: NormalizeOptions): Inbound[] | string {
  switch (update.kind) {
    case 'message':
    case 'business_message':
    case 'edited_message':
    case 'edited_business_message':
      return fromMessage(update, raw, inboxId);
    case 'my_chat_member':
      return fromChatMember(update.payload, inboxId);
    case 'callback_query':
      return fromCallback(update.payload, inboxId, options);
  }
}

/** Where a message belongs: the chat, or the chat within one business connection. */
interface Place {
  threadKey: string;
  externalId: (messageId: number) => string;
  businessConnectionId?: string;
}

function fromMessage(update: Extract<CheckedUpdate, { payload: TelegramMessage }>, raw: unknown, inboxId: string): Inbound[] | string {
  const { kind, payload: message } = update;
  if (message.chat.type !== 'private') return `${kind} in ${chatLabel(message.chat)} ignored: private chats only`;
  const service = serviceEventOf(message);
  if (service) return `${kind} in ${chatLabel(message.chat)} ignored: service message '${service}'`;

  const business = kind === 'business_message' || kind === 'edited_business_message';
  let place: Place = { threadKey: String(message.chat.id), externalId: (id) => `${message.chat.id}:${id}` };
  if (business) {
    const connection = message.business_connection_id;
    if (!connection) return `${kind} without business_connection_id ignored`;
    // In a private business chat the only other party is the business account itself (or a
    // bot acting for it): what it writes is the service center's side, not the owner's.
    if (message.from && message.from.id !== message.chat.id) return `${kind} written by the business account ignored`;
    const address = businessAddress(connection, message.chat.id);
    place = { threadKey: address, externalId: (id) => `${address}:${id}`, businessConnectionId: connection };
  }

  const author = toAuthor(message.from ?? userFromChat(message.chat));
  if (kind === 'edited_message' || kind === 'edited_business_message') {
    const edit: InboundEdit = {
      kind: 'edit',
      channel: 'telegram',
      inboxId,
      externalId: place.externalId(message.message_id),
      threadKey: place.threadKey,
      author,
      text: readContent(message).text,
      editedAt: fromUnix(message.edit_date ?? message.date),
      raw,
    };
    return [edit];
  }

  const content = readContent(message);
  const normalized: InboundMessage = {
    kind: 'message',
    channel: 'telegram',
    inboxId,
    externalId: place.externalId(message.message_id),
    threadKey: place.threadKey,
    author,
    text: content.text,
    contentType: content.contentType,
    attachments: content.attachments,
    sentAt: fromUnix(message.date),
    raw,
  };
  const meta = { ...(content.meta ?? {}), ...(place.businessConnectionId ? { businessConnectionId: place.businessConnectionId } : {}) };
  if (Object.keys(meta).length > 0) normalized.meta = meta;
  const command = readCommand(message);
  if (command) normalized.command = command;
  if (message.reply_to_message) normalized.inReplyTo = place.externalId(message.reply_to_message.message_id);
  return [normalized];
}

function fromChatMember(change: TelegramMyChatMember, inboxId: string): Inbound[] | string {
  if (change.chat.type !== 'private') return `my_chat_member in ${chatLabel(change.chat)} ignored: private chats only`;
  const status = change.new_chat_member.status;
  if (status !== 'kicked' && status !== 'member') return `my_chat_member with status '${status}' ignored`;
  const block: InboundBlock = {
    kind: status === 'kicked' ? 'blocked' : 'unblocked',
    channel: 'telegram',
    inboxId,
    author: toAuthor(change.from),
    at: fromUnix(change.date),
  };
  return [block];
}

function fromCallback(query: TelegramCallbackQuery, inboxId: string, options: NormalizeOptions): Inbound[] | string {
  if (query.data === undefined) return `callback_query ${query.id} without data ignored (game button)`;
  const message = query.message;
  if (!message) return `callback_query ${query.id} from an inline-mode message ignored`;
  if (message.chat.type !== 'private') return `callback_query in ${chatLabel(message.chat)} ignored: private chats only`;
  // The bot's message was last touched when the button was drawn; an inaccessible (too old)
  // message reports date 0, which is still deterministic.
  const buttonDate = message.edit_date ?? message.date;
  const callback: InboundCallback = {
    kind: 'callback',
    channel: 'telegram',
    inboxId,
    callbackId: query.id,
    threadKey: String(message.chat.id),
    author: toAuthor(query.from),
    data: query.data,
    at: options.receivedAt ?? fromUnix(buttonDate),
  };
  return [callback];
}

/** In a private chat the chat is the person; it stands in for a missing `from`. */
function userFromChat(chat: TelegramChat): TelegramUser {
  return { id: chat.id, first_name: chat.first_name ?? '', last_name: chat.last_name, username: chat.username };
}

function toAuthor(user: TelegramUser): InboundAuthor {
  const author: InboundAuthor = {
    externalId: String(user.id),
    name: [user.first_name, user.last_name ?? ''].join(' ').trim(),
  };
  if (user.username) author.username = user.username;
  if (user.language_code) author.languageCode = user.language_code;
  return author;
}

/** `/start`, `/start@huixin_bot payload` → 'start'; only a command that opens the text counts. */
function readCommand(message: TelegramMessage): string | undefined {
  const entity = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!entity || message.text === undefined) return undefined;
  const command = message.text.slice(1, entity.length).split('@')[0];
  return command ? command : undefined;
}

function isHandled(kind: string): kind is HandledKind {
  return Object.hasOwn(handledKindSchemas, kind);
}

/** The kind is the first handled key, else the first key after `update_id` (an update has one). */
function updateKind(update: Record<string, unknown>): string {
  const keys = Object.keys(update).filter((key) => key !== 'update_id');
  return keys.find(isHandled) ?? keys[0] ?? 'empty';
}

function unhandledReason(kind: string, update: Record<string, unknown> & { update_id: number }): string {
  // Channel posts carry a chat: say which, as for a group message.
  const chat = readChat(update[kind]);
  if ((kind === 'channel_post' || kind === 'edited_channel_post') && chat) return `${kind} in ${chatLabel(chat)} ignored: private chats only`;
  return `update ${update.update_id} of kind '${kind}' not handled`;
}

function readChat(payload: unknown): { id: number; type: string } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const chat = (payload as { chat?: unknown }).chat;
  if (typeof chat !== 'object' || chat === null) return null;
  const { id, type } = chat as { id?: unknown; type?: unknown };
  return typeof id === 'number' && typeof type === 'string' ? { id, type } : null;
}

function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, prefix?: string): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${[prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}

function clip(reason: string): string {
  return reason.length > REASON_MAX ? `${reason.slice(0, REASON_MAX - 1)}…` : reason;
}

function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}

function chatLabel(chat: { type: string; id: number }): string {
  // The type is the sender's string: clip it so a reason stays one short line.
  return `${chat.type.slice(0, 32)} chat ${chat.id}`;
}
