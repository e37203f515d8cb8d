/**
 * Telegram update → normalized inbound items (DESIGN.md, "One message's way through", step 3).
 *
 * Pure and deterministic: the result depends only on the arguments, never on the clock.
 * Only private chats are an owner talking to the service center; groups and channels are
 * somebody else's conversation, so they normalize to [] and `describeIgnored` says why.
 */
import type { Update } from 'grammy/types';
import type {
  Attachment,
  ContentType,
  Inbound,
  InboundAuthor,
  InboundBlock,
  InboundCallback,
  InboundEdit,
  InboundMessage,
} from '../types.js';

type Message = NonNullable<Update['message']>;
type User = Message['from'];

export interface NormalizeOptions {
  /**
   * When the webhook request arrived. Telegram puts no timestamp on a callback query, so a
   * callback's `at` uses this; without it we fall back to the date of the message that
   * carried the button (never the clock, to stay deterministic).
   */
  receivedAt?: Date;
}

export function normalizeTelegramUpdate(update: Update, inboxId: string, options: NormalizeOptions = {}): Inbound[] {
  // One rule decides what is ignored, so the log line and the result can never disagree.
  if (describeIgnored(update) !== null) return [];

  if (update.message) return [toMessage(update.message, inboxId)];
  if (update.edited_message) return [toEdit(update.edited_message, inboxId)];
  if (update.my_chat_member) {
    const change = update.my_chat_member;
    const block: InboundBlock = {
      kind: change.new_chat_member.status === 'kicked' ? 'blocked' : 'unblocked',
      channel: 'telegram',
      inboxId,
      author: toAuthor(change.from),
      at: fromUnix(change.date),
    };
    return [block];
  }
  const query = update.callback_query;
  if (query?.data !== undefined && query.message) {
    const message = query.message;
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
  return [];
}

/**
 * A one-line reason why `normalizeTelegramUpdate` returns nothing for this update, or null
 * when it produces at least one inbound item. Meant for the caller's log.
 */
export function describeIgnored(update: Update): string | null {
  const kind = updateKind(update);
  const message = update.message ?? update.edited_message;
  if (message) {
    return message.chat.type === 'private' ? null : `${kind} in ${chatLabel(message.chat)} ignored: private chats only`;
  }
  const post = update.channel_post ?? update.edited_channel_post;
  if (post) return `${kind} in ${chatLabel(post.chat)} ignored: private chats only`;

  const change = update.my_chat_member;
  if (change) {
    if (change.chat.type !== 'private') return `my_chat_member in ${chatLabel(change.chat)} ignored: private chats only`;
    const status = change.new_chat_member.status;
    return status === 'kicked' || status === 'member' ? null : `my_chat_member with status '${status}' ignored`;
  }

  const query = update.callback_query;
  if (query) {
    if (query.data === undefined) return `callback_query ${query.id} without data ignored (game button)`;
    if (!query.message) return `callback_query ${query.id} from an inline-mode message ignored`;
    const chat = query.message.chat;
    return chat.type === 'private' ? null : `callback_query in ${chatLabel(chat)} ignored: private chats only`;
  }
  return `update ${update.update_id} of kind '${kind}' not handled`;
}

function toMessage(message: Message, inboxId: string): InboundMessage {
  const content = readContent(message);
  const normalized: InboundMessage = {
    kind: 'message',
    channel: 'telegram',
    inboxId,
    externalId: messageExternalId(message),
    threadKey: String(message.chat.id),
    author: toAuthor(message.from),
    text: content.text,
    contentType: content.contentType,
    attachments: content.attachments,
    sentAt: fromUnix(message.date),
    raw: message,
  };
  if (content.meta) normalized.meta = content.meta;
  const command = readCommand(message);
  if (command) normalized.command = command;
  if (message.reply_to_message) normalized.inReplyTo = messageExternalId(message.reply_to_message);
  return normalized;
}

function toEdit(message: NonNullable<Update['edited_message']>, inboxId: string): InboundEdit {
  return {
    kind: 'edit',
    channel: 'telegram',
    inboxId,
    externalId: messageExternalId(message),
    threadKey: String(message.chat.id),
    author: toAuthor(message.from),
    text: readContent(message).text,
    editedAt: fromUnix(message.edit_date),
    raw: message,
  };
}

function toAuthor(user: User): InboundAuthor {
  const author: InboundAuthor = {
    externalId: String(user.id),
    name: [user.first_name, user.last_name ?? ''].join(' ').trim(),
  };
  if (user.username) author.username = user.username;
  if (user.language_code) author.languageCode = user.language_code;
  return author;
}

interface Content {
  contentType: ContentType;
  text: string;
  attachments: Attachment[];
  meta?: Record<string, unknown>;
}

function readContent(message: Message): Content {
  const caption = message.caption ?? '';
  const media = (contentType: ContentType, attachment: Attachment): Content => ({
    contentType,
    text: caption,
    attachments: [attachment],
  });

  if (message.text !== undefined) return { contentType: 'text', text: message.text, attachments: [] };
  if (message.photo && message.photo.length > 0) {
    const largest = message.photo.reduce((best, size) => (area(size) > area(best) ? size : best));
    // Telegram re-encodes every photo as JPEG, so the type is known even though it is not sent.
    return media('photo', file('photo', largest.file_id, { mimeType: 'image/jpeg', size: largest.file_size, width: largest.width, height: largest.height }));
  }
  // An animation message also carries a `document` for old clients; the animation is the truth.
  if (message.animation) {
    const a = message.animation;
    return media('animation', file('animation', a.file_id, { fileName: a.file_name, mimeType: a.mime_type, size: a.file_size, width: a.width, height: a.height, duration: a.duration }));
  }
  if (message.document) {
    const d = message.document;
    return media('document', file('document', d.file_id, { fileName: d.file_name, mimeType: d.mime_type, size: d.file_size }));
  }
  if (message.voice) {
    const v = message.voice;
    return media('voice', file('voice', v.file_id, { mimeType: v.mime_type, size: v.file_size, duration: v.duration }));
  }
  if (message.audio) {
    const a = message.audio;
    return media('audio', file('audio', a.file_id, { fileName: a.file_name, mimeType: a.mime_type, size: a.file_size, duration: a.duration }));
  }
  if (message.video) {
    const v = message.video;
    return media('video', file('video', v.file_id, { fileName: v.file_name, mimeType: v.mime_type, size: v.file_size, width: v.width, height: v.height, duration: v.duration }));
  }
  if (message.video_note) {
    const n = message.video_note;
    // A video note is a square clip; `length` is both its width and its height.
    return media('video_note', file('video_note', n.file_id, { size: n.file_size, width: n.length, height: n.length, duration: n.duration }));
  }
  if (message.sticker) {
    const s = message.sticker;
    // The format follows from these flags (Bot API "Sticker"), so agents can render a preview.
    const mimeType = s.is_animated ? 'application/x-tgsticker' : s.is_video ? 'video/webm' : 'image/webp';
    return { contentType: 'sticker', text: s.emoji ?? '', attachments: [file('sticker', s.file_id, { mimeType, size: s.file_size, width: s.width, height: s.height })] };
  }
  if (message.location) {
    const { latitude, longitude } = message.location;
    const meta: Record<string, unknown> = { latitude, longitude };
    let text = `📍 ${latitude}, ${longitude}`;
    // A venue is a location with a name; keep the name where an agent will read it.
    if (message.venue) {
      meta.title = message.venue.title;
      meta.address = message.venue.address;
      text = `📍 ${message.venue.title}, ${message.venue.address} (${latitude}, ${longitude})`;
    }
    return { contentType: 'location', text, attachments: [], meta };
  }
  if (message.contact) {
    const c = message.contact;
    const name = [c.first_name, c.last_name ?? ''].join(' ').trim();
    return {
      contentType: 'contact',
      text: `👤 ${name}, ${c.phone_number}`,
      attachments: [],
      meta: { phoneNumber: c.phone_number, firstName: c.first_name, lastName: c.last_name, userId: c.user_id },
    };
  }
  // Polls, dice, games, service messages …: keep a marker so the conversation shows something
  // happened; the full payload stays in `raw`.
  return { contentType: 'unsupported', text: `[${contentKey(message)}]`, attachments: [] };
}

/** `/start`, `/start@huixin_bot payload` → 'start'; only a command that opens the text counts. */
function readCommand(message: Message): string | undefined {
  const entity = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!entity || message.text === undefined) return undefined;
  const command = message.text.slice(1, entity.length).split('@')[0];
  return command ? command : undefined;
}

// Fields every message may carry whatever its content; the first key outside this set names it.
const ENVELOPE_KEYS = new Set([
  'message_id', 'message_thread_id', 'from', 'sender_chat', 'date', 'chat', 'business_connection_id',
  'is_topic_message', 'direct_messages_topic', 'sender_tag', 'sender_boost_count', 'sender_business_bot',
  'forward_origin', 'forward_from', 'forward_from_chat', 'forward_from_message_id', 'forward_signature',
  'forward_sender_name', 'forward_date', 'is_automatic_forward', 'reply_to_message', 'reply_to_checklist_task_id',
  'reply_to_poll_option_id', 'is_paid_post', 'external_reply', 'quote', 'reply_to_story', 'via_bot', 'edit_date',
  'has_protected_content', 'show_caption_above_media', 'is_from_offline', 'author_signature', 'link_preview_options',
  'effect_id', 'paid_star_count', 'reply_markup', 'caption', 'caption_entities', 'media_group_id',
  'has_media_spoiler', 'entities', 'guest_query_id', 'receiver_user', 'ephemeral_message_id',
  'guest_bot_caller_user', 'guest_bot_caller_chat',
]);

function contentKey(message: Message): string {
  return Object.keys(message).find((key) => !ENVELOPE_KEYS.has(key)) ?? 'unknown';
}

function file(kind: Attachment['kind'], fileId: string, fields: Omit<Attachment, 'kind' | 'fileId'>): Attachment {
  // Leave absent fields out instead of writing `undefined`, so stored JSON and test output stay
  // exactly what Telegram told us.
  const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return { kind, fileId, ...(present as Omit<Attachment, 'kind' | 'fileId'>) };
}

function area(size: { width: number; height: number; file_size?: number }): number {
  // file_size breaks ties between sizes of equal dimensions (it grows with quality).
  return size.width * size.height + (size.file_size ?? 0) / 1e9;
}

function messageExternalId(message: { chat: { id: number }; message_id: number }): string {
  return `${message.chat.id}:${message.message_id}`;
}

function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}

function chatLabel(chat: { type: string; id: number }): string {
  return `${chat.type} chat ${chat.id}`;
}

function updateKind(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? 'empty';
}
