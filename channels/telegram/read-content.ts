/**
 * What a checked Telegram message holds, as the text an agent reads plus structured extras:
 * files as attachments, locations, shared contacts and users, polls. Pure.
 */
import type { Attachment, ContentType } from '../types.js';
import type { TelegramMessage } from './update-schema.js';

export interface Content {
  contentType: ContentType;
  text: string;
  attachments: Attachment[];
  meta?: Record<string, unknown>;
}

/**
 * Keys of service messages: things that happened in the chat (a pin, a timer, a member
 * joining, a topic renamed, a payment) rather than something the owner wrote. They are never
 * shown as the owner's text. From the Bot API's "Message" object.
 */
const SERVICE_KEYS = [
  'new_chat_members', 'left_chat_member', 'new_chat_title', 'new_chat_photo', 'delete_chat_photo',
  'group_chat_created', 'supergroup_chat_created', 'channel_chat_created', 'message_auto_delete_timer_changed',
  'migrate_to_chat_id', 'migrate_from_chat_id', 'pinned_message', 'successful_payment', 'refunded_payment',
  'connected_website', 'write_access_allowed', 'passport_data', 'proximity_alert_triggered', 'boost_added',
  'chat_background_set', 'forum_topic_created', 'forum_topic_edited', 'forum_topic_closed', 'forum_topic_reopened',
  'general_forum_topic_hidden', 'general_forum_topic_unhidden', 'giveaway_created', 'giveaway_completed',
  'giveaway_winners', 'gift', 'gift_upgrade_sent', 'unique_gift', 'paid_message_price_changed',
  'direct_message_price_changed', 'video_chat_scheduled', 'video_chat_started', 'video_chat_ended',
  'video_chat_participants_invited', 'checklist_tasks_done', 'checklist_tasks_added', 'chat_owner_left',
  'chat_owner_changed', 'community_chat_added', 'community_chat_removed', 'community_chat_joined',
  'managed_bot_created', 'poll_option_added', 'poll_option_deleted', 'suggested_post_approved',
  'suggested_post_approval_failed', 'suggested_post_declined', 'suggested_post_paid', 'suggested_post_refunded',
];

/** The service event a message reports, or null when the owner wrote it. */
export function serviceEventOf(message: TelegramMessage): string | null {
  const record = message as Record<string, unknown>;
  return SERVICE_KEYS.find((key) => record[key] !== undefined && record[key] !== null) ?? null;
}

export function readContent(message: TelegramMessage): Content {
  const caption = message.caption ?? '';
  const withFile = (contentType: ContentType, attachment: Attachment): Content => ({ contentType, text: caption, attachments: [attachment] });

  if (message.text !== undefined) return { contentType: 'text', text: message.text, attachments: [] };
  if (message.photo && message.photo.length > 0) {
    const largest = message.photo.reduce((best, photoSize) => (area(photoSize) > area(best) ? photoSize : best));
    // Telegram re-encodes every photo as JPEG, so the type is known even though it is not sent.
    return withFile('photo', file('photo', largest.file_id, { mimeType: 'image/jpeg', size: largest.file_size, width: largest.width, height: largest.height }));
  }
  // An animation message also carries a `document` for old clients; the animation is the truth.
  if (message.animation) {
    const a = message.animation;
    return withFile('animation', file('animation', a.file_id, { fileName: a.file_name, mimeType: a.mime_type, size: a.file_size, width: a.width, height: a.height, duration: a.duration }));
  }
  if (message.document) {
    const d = message.document;
    return withFile('document', file('document', d.file_id, { fileName: d.file_name, mimeType: d.mime_type, size: d.file_size }));
  }
  if (message.voice) {
    const v = message.voice;
    return withFile('voice', file('voice', v.file_id, { mimeType: v.mime_type, size: v.file_size, duration: v.duration }));
  }
  if (message.audio) {
    const a = message.audio;
    return withFile('audio', file('audio', a.file_id, { fileName: a.file_name, mimeType: a.mime_type, size: a.file_size, duration: a.duration }));
  }
  if (message.video) {
    const v = message.video;
    return withFile('video', file('video', v.file_id, { fileName: v.file_name, mimeType: v.mime_type, size: v.file_size, width: v.width, height: v.height, duration: v.duration }));
  }
  if (message.video_note) {
    const n = message.video_note;
    // A video note is a square clip; `length` is both its width and its height.
    return withFile('video_note', file('video_note', n.file_id, { size: n.file_size, width: n.length, height: n.length, duration: n.duration }));
  }
  if (message.sticker) {
    const s = message.sticker;
    // The format follows from these flags (Bot API "Sticker"), so agents can render a preview.
    const mimeType = s.is_animated ? 'application/x-tgsticker' : s.is_video ? 'video/webm' : 'image/webp';
    return { contentType: 'sticker', text: s.emoji ?? '', attachments: [file('sticker', s.file_id, { mimeType, size: s.file_size, width: s.width, height: s.height })] };
  }
  if (message.location) return readLocation(message.location, message.venue);
  if (message.contact) {
    const c = message.contact;
    return {
      contentType: 'contact',
      text: `👤 ${fullName(c.first_name, c.last_name)}, ${c.phone_number}`,
      attachments: [],
      meta: present({ phoneNumber: c.phone_number, firstName: c.first_name, lastName: c.last_name, userId: c.user_id }),
    };
  }
  if (message.poll) return readPoll(message.poll);
  if (message.users_shared) return readUsersShared(message.users_shared);
  if (message.user_shared) return readUsersShared({ request_id: message.user_shared.request_id, user_ids: [message.user_shared.user_id] });
  if (message.chat_shared) {
    const c = message.chat_shared;
    const label = c.title ?? (c.username ? `@${c.username}` : `chat ${c.chat_id}`);
    return {
      contentType: 'text',
      text: `💬 ${label} (id ${c.chat_id})`,
      attachments: [],
      meta: { requestId: c.request_id, sharedChat: present({ chatId: c.chat_id, title: c.title, username: c.username }) },
    };
  }
  // Dice, games, stories, invoices …: keep a marker so the conversation shows something
  // happened; the full payload stays in `raw`.
  return { contentType: 'unsupported', text: `[${contentKey(message)}]`, attachments: [] };
}

function readLocation(location: NonNullable<TelegramMessage['location']>, venue: TelegramMessage['venue']): Content {
  const { latitude, longitude } = location;
  const meta: Record<string, unknown> = { latitude, longitude };
  let text = `📍 ${latitude}, ${longitude}`;
  // A venue is a location with a name; keep the name where an agent will read it.
  if (venue) {
    meta.title = venue.title;
    meta.address = venue.address;
    text = `📍 ${venue.title}, ${venue.address} (${latitude}, ${longitude})`;
  }
  return { contentType: 'location', text, attachments: [], meta };
}

function readPoll(poll: NonNullable<TelegramMessage['poll']>): Content {
  const lines = [`📊 ${poll.question}`, ...poll.options.map((option, i) => `${i + 1}. ${option.text}`)];
  return {
    contentType: 'text',
    text: lines.join('\n'),
    attachments: [],
    meta: {
      poll: present({
        id: poll.id,
        question: poll.question,
        options: poll.options.map((option) => present({ text: option.text, voterCount: option.voter_count })),
        type: poll.type,
        allowsMultipleAnswers: poll.allows_multiple_answers,
        isAnonymous: poll.is_anonymous,
        isClosed: poll.is_closed,
        totalVoterCount: poll.total_voter_count,
      }),
    },
  };
}

function readUsersShared(shared: NonNullable<TelegramMessage['users_shared']>): Content {
  // Bot API 7.0 sent only `user_ids`; later versions send `users` with what the bot asked for.
  const users = shared.users ?? (shared.user_ids ?? []).map((id) => ({ user_id: id, first_name: undefined, last_name: undefined, username: undefined }));
  const lines = users.map((u) => {
    const name = fullName(u.first_name ?? '', u.last_name);
    const handle = u.username ? `@${u.username}, ` : '';
    return name ? `👤 ${name} (${handle}id ${u.user_id})` : `👤 ${handle}id ${u.user_id}`;
  });
  return {
    contentType: 'contact',
    text: lines.join('\n'),
    attachments: [],
    meta: {
      requestId: shared.request_id,
      sharedUsers: users.map((u) => present({ userId: u.user_id, firstName: u.first_name, lastName: u.last_name, username: u.username })),
    },
  };
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

function contentKey(message: TelegramMessage): string {
  // A field dropped as malformed (photo that is no list) still names what was sent.
  return Object.keys(message).find((key) => !ENVELOPE_KEYS.has(key)) ?? 'unknown';
}

function file(kind: Attachment['kind'], fileId: string, fields: Omit<Attachment, 'kind' | 'fileId'>): Attachment {
  return { kind, fileId, ...present(fields) };
}

/**
 * Leaves absent fields out instead of writing `undefined`, so stored JSON and test output
 * stay exactly what Telegram told us.
 */
function present<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

function fullName(first: string, last: string | undefined): string {
  return [first, last ?? ''].join(' ').trim();
}

function area(photoSize: { width: number; height: number; file_size?: number }): number {
  // file_size breaks ties between sizes of equal dimensions (it grows with quality).
  return photoSize.width * photoSize.height + (photoSize.file_size ?? 0) / 1e9;
}
