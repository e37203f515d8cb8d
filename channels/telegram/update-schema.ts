/**
 * The part of a Telegram update that we rely on, checked before anything is stored. Fields
 * we do not use pass through untouched (Telegram adds new ones often).
 *
 * Two kinds of field: the ones an item cannot exist without (a message's id, date and chat)
 * fail the update, which is then acknowledged as ignored; the optional ones we read (entities,
 * a photo's sizes, a reply's target …) are dropped when they have the wrong type, so a broken
 * detail never costs the owner's text. Numbers are bounded to what JavaScript dates and
 * PostgreSQL keys hold, strings that end up in a unique key are bounded in length.
 */
import { z } from 'zod';

/** An optional field of the wrong type reads as absent instead of failing the whole update. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

// Telegram ids "have at most 52 significant bits" (Bot API, Chat.id): safe integers.
const safeInt = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Unix seconds up to the last second of year 9999, the range every consumer can print and store. */
const unixTime = z.number().int().min(0).max(253_402_300_799);
const size = z.number().nonnegative().max(Number.MAX_SAFE_INTEGER);

const user = z.looseObject({
  id: safeInt,
  is_bot: optional(z.boolean()),
  first_name: z.string().catch(''),
  last_name: optional(z.string()),
  username: optional(z.string()),
  language_code: optional(z.string()),
});

const chat = z.looseObject({
  id: safeInt,
  type: z.string(),
  title: optional(z.string()),
  first_name: optional(z.string()),
  last_name: optional(z.string()),
  username: optional(z.string()),
});

const entity = z.looseObject({ type: z.string(), offset: count, length: count });

const photoSize = z.looseObject({ file_id: z.string(), width: size, height: size, file_size: optional(size) });

/** The fields every file object may carry; each kind adds its own. */
const fileFields = {
  file_id: z.string(),
  file_size: optional(size),
  file_name: optional(z.string()),
  mime_type: optional(z.string()),
  width: optional(size),
  height: optional(size),
  duration: optional(size),
};
const media = z.looseObject(fileFields);
const videoNote = z.looseObject({ ...fileFields, length: optional(size) });
const sticker = z.looseObject({
  ...fileFields,
  emoji: optional(z.string()),
  is_animated: optional(z.boolean()),
  is_video: optional(z.boolean()),
});

const coordinate = z.number().min(-180).max(180);
const location = z.looseObject({ latitude: coordinate, longitude: coordinate });
const venue = z.looseObject({ title: z.string(), address: z.string() });
const contact = z.looseObject({
  phone_number: z.string(),
  first_name: z.string().catch(''),
  last_name: optional(z.string()),
  user_id: optional(safeInt),
  vcard: optional(z.string()),
});

const poll = z.looseObject({
  id: z.string(),
  question: z.string(),
  options: z.array(z.looseObject({ text: z.string(), voter_count: optional(count) })),
  total_voter_count: optional(count),
  is_closed: optional(z.boolean()),
  is_anonymous: optional(z.boolean()),
  type: optional(z.string()),
  allows_multiple_answers: optional(z.boolean()),
});

const sharedUser = z.looseObject({
  user_id: safeInt,
  first_name: optional(z.string()),
  last_name: optional(z.string()),
  username: optional(z.string()),
});
const usersShared = z.looseObject({
  request_id: safeInt,
  users: optional(z.array(sharedUser)),
  // Bot API 7.0 sent only the ids; kept for old servers and recorded payloads.
  user_ids: optional(z.array(safeInt)),
});
const userShared = z.looseObject({ request_id: safeInt, user_id: safeInt });
const chatShared = z.looseObject({
  request_id: safeInt,
  chat_id: safeInt,
  title: optional(z.string()),
  username: optional(z.string()),
});

/** A business connection id becomes part of a unique key (the thread key), so it must be short. */
export const BUSINESS_CONNECTION_ID_MAX = 256;

export const messageSchema = z.looseObject({
  message_id: count,
  date: unixTime,
  chat,
  from: optional(user),
  business_connection_id: optional(z.string().min(1).max(BUSINESS_CONNECTION_ID_MAX)),
  edit_date: optional(unixTime),
  text: optional(z.string()),
  caption: optional(z.string()),
  entities: optional(z.array(entity)),
  photo: optional(z.array(photoSize)),
  animation: optional(media),
  document: optional(media),
  voice: optional(media),
  audio: optional(media),
  video: optional(media),
  video_note: optional(videoNote),
  sticker: optional(sticker),
  location: optional(location),
  venue: optional(venue),
  contact: optional(contact),
  poll: optional(poll),
  users_shared: optional(usersShared),
  user_shared: optional(userShared),
  chat_shared: optional(chatShared),
  reply_to_message: optional(z.looseObject({ message_id: count, chat: z.looseObject({ id: safeInt }) })),
});

const editedMessageSchema = messageSchema.extend({ edit_date: unixTime });

const myChatMemberSchema = z.looseObject({
  chat,
  from: user,
  date: unixTime,
  new_chat_member: z.looseObject({ status: z.string() }),
});

const callbackQuerySchema = z.looseObject({
  id: z.string(),
  from: user,
  data: optional(z.string()),
  // An inaccessible (too old) message has date 0 and nothing but its chat and id.
  message: optional(z.looseObject({ message_id: count, date: unixTime, chat, edit_date: optional(unixTime) })),
});

/** The one field every update has; without it a body is not a Telegram update at all. */
export const updateEnvelopeSchema = z.looseObject({ update_id: count });

/** Each update kind we turn into inbound items, with the schema its payload must meet. */
export const handledKindSchemas = {
  message: messageSchema,
  edited_message: editedMessageSchema,
  business_message: messageSchema,
  edited_business_message: editedMessageSchema,
  my_chat_member: myChatMemberSchema,
  callback_query: callbackQuerySchema,
} as const;

export type HandledKind = keyof typeof handledKindSchemas;
export type TelegramMessage = z.output<typeof messageSchema>;
export type TelegramEditedMessage = z.output<typeof editedMessageSchema>;
export type TelegramMyChatMember = z.output<typeof myChatMemberSchema>;
export type TelegramCallbackQuery = z.output<typeof callbackQuerySchema>;
export type TelegramUser = z.output<typeof user>;
export type TelegramChat = z.output<typeof chat>;

/** A checked update of one handled kind. */
export type CheckedUpdate =
  | { kind: 'message' | 'business_message'; updateId: number; payload: TelegramMessage }
  | { kind: 'edited_message' | 'edited_business_message'; updateId: number; payload: TelegramEditedMessage }
  | { kind: 'my_chat_member'; updateId: number; payload: TelegramMyChatMember }
  | { kind: 'callback_query'; updateId: number; payload: TelegramCallbackQuery };
