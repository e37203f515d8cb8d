/** Pure updates of a cached thread (`{data: Message[]}`, oldest first). */
import type { Message, MessageList } from '../api/types';

export interface UpsertMessageOptions {
  /**
   * Keep an entry that is already there. Used for the POST answer, which can arrive after the
   * socket already delivered a newer state of the same message (e.g. `sent`).
   */
  keepExisting?: boolean;
}

export function upsertMessage(
  list: MessageList | undefined,
  message: Message,
  options: UpsertMessageOptions = {},
): MessageList | undefined {
  if (!list) return list;
  const index = list.data.findIndex((item) => item.id === message.id);
  if (index >= 0) {
    if (options.keepExisting) return list;
    const data = [...list.data];
    data[index] = message;
    return { ...list, data };
  }
  const time = Date.parse(message.createdAt);
  let insertAt = list.data.length;
  while (insertAt > 0 && Date.parse(list.data[insertAt - 1]!.createdAt) > time) insertAt -= 1;
  const data = [...list.data];
  data.splice(insertAt, 0, message);
  return { ...list, data };
}
