/**
 * The part of a Telegram update that we rely on, checked before anything is stored. Fields
 * we do not use pass through untouched (Telegram adds new ones often).
 */
import { z } from 'zod';

const user = z.looseObject({ id: z.number().int(), is_bot: z.boolean(), first_name: z.string() });
const chat = z.looseObject({ id: z.number().int(), type: z.string() });
const message = z.looseObject({
  message_id: z.number().int(),
  date: z.number().int(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
});

export const telegramUpdateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  edited_message: message.extend({ edit_date: z.number().int() }).optional(),
  channel_post: z.looseObject({ message_id: z.number().int() }).optional(),
  my_chat_member: z
    .looseObject({ chat, from: user, date: z.number().int(), new_chat_member: z.looseObject({ status: z.string() }) })
    .optional(),
  callback_query: z.looseObject({ id: z.string(), from: user, data: z.string().optional() }).optional(),
});
