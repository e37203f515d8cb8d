/**
 * Builds webhook updates for integration tests from the recorded fixtures, varying only
 * the ids and text so each test talks about its own owner and message.
 */
import { readFileSync } from 'node:fs';
import type { Update } from 'grammy/types';

const fixtureDir = new URL('../../channels/telegram/fixtures/', import.meta.url);

export function fixture(name: string): Update {
  return JSON.parse(readFileSync(new URL(`${name}.json`, fixtureDir), 'utf8')) as Update;
}

let nextUpdateId = 900_000_000;
let nextMessageId = 5000;

export interface Owner {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  /** The owner's Telegram app language (the fixture's "en" when absent). */
  language_code?: string;
}

export function textUpdate(owner: Owner, text: string, overrides: { messageId?: number; updateId?: number } = {}): Update {
  const base = fixture('text-private');
  const message = base.message as NonNullable<Update['message']>;
  return {
    ...base,
    update_id: overrides.updateId ?? nextUpdateId++,
    message: {
      ...message,
      message_id: overrides.messageId ?? nextMessageId++,
      from: { ...message.from!, ...owner, is_bot: false },
      chat: { id: owner.id, type: 'private', first_name: owner.first_name, username: owner.username },
      date: Math.floor(Date.now() / 1000),
      text,
      entities: text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] : undefined,
    } as NonNullable<Update['message']>,
  };
}

/** A fixture with its owner and ids swapped for the test's own. */
export function fixtureFor(name: string, owner: Owner): Update {
  const raw = JSON.stringify(fixture(name));
  const original = fixture(name);
  const anyMessage = (original.message ?? original.edited_message ?? original.my_chat_member ?? original.callback_query) as { from?: { id: number } } | undefined;
  const fromId = anyMessage?.from?.id;
  const swapped = fromId ? raw.split(String(fromId)).join(String(owner.id)) : raw;
  const u = JSON.parse(swapped) as Update;
  return { ...u, update_id: nextUpdateId++ };
}

let nextOwner = 7_100_000_000;
export function newOwner(first_name: string, last_name?: string): Owner {
  return { id: nextOwner++, first_name, last_name, username: `owner${nextOwner}` };
}
