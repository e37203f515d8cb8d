/**
 * Polls, shared users and chats, service messages and business messages, replayed from the
 * recorded payloads in fixtures/ (see fixtures/SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Inbound, InboundMessage } from '../types.js';
import { decodeTelegramUpdate, describeIgnored, normalizeTelegramUpdate } from './normalize.js';

const INBOX = 'inbox-tg-1';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

function only(items: Inbound[]): Inbound {
  expect(items).toHaveLength(1);
  return items[0] as Inbound;
}

function onlyMessage(update: unknown): InboundMessage {
  const item = only(normalizeTelegramUpdate(update, INBOX));
  if (item.kind !== 'message') throw new Error(`expected a message, got ${item.kind}`);
  return item;
}

describe('polls and shared users show their content', () => {
  it('a poll reads as its question and numbered options, with the poll in meta', () => {
    const message = onlyMessage(fixture('poll'));
    expect(message).toMatchObject({
      contentType: 'text',
      text: '📊 When should the lift be serviced?\n1. Saturday morning\n2. Sunday afternoon',
      author: { externalId: '7311005566', name: 'Marco Bianchi' },
    });
    expect(message.meta).toEqual({
      poll: {
        id: '123456789',
        question: 'When should the lift be serviced?',
        options: [
          { text: 'Saturday morning', voterCount: 1 },
          { text: 'Sunday afternoon', voterCount: 2 },
        ],
        type: 'regular',
        allowsMultipleAnswers: false,
        isAnonymous: false,
        isClosed: false,
        totalVoterCount: 3,
      },
    });
  });

  it('shared users read as names, usernames and ids, listed in meta', () => {
    const message = onlyMessage(fixture('users-shared'));
    expect(message).toMatchObject({ contentType: 'contact', text: '👤 Ming Li (@li_ming_tenant, id 6688123402)' });
    expect(message.meta).toEqual({
      requestId: 42,
      sharedUsers: [{ userId: 6688123402, firstName: 'Ming', lastName: 'Li', username: 'li_ming_tenant' }],
    });
  });

  it('a users_shared with ids only (Bot API 7.0) and the older user_shared still show the id', () => {
    const update = fixture('users-shared');
    const message = update.message as Record<string, unknown>;
    message.users_shared = { request_id: 42, user_ids: [6688123402, 6688123403] };
    expect(onlyMessage(update).text).toBe('👤 id 6688123402\n👤 id 6688123403');
    delete message.users_shared;
    expect(onlyMessage(update)).toMatchObject({ text: '👤 id 6688123402', meta: { requestId: 42, sharedUsers: [{ userId: 6688123402 }] } });
  });

  it('a shared chat reads as its title and id', () => {
    const message = onlyMessage(fixture('chat-shared'));
    expect(message).toMatchObject({ contentType: 'text', text: '💬 Building 3 residents (id -1001234567890)' });
    expect(message.meta).toEqual({ requestId: 42, sharedChat: { chatId: -1001234567890, title: 'Building 3 residents' } });
  });
});

describe('service messages are not shown as the owner writing', () => {
  it.each([
    ['pinned-message', 'pinned_message'],
    ['auto-delete-timer', 'message_auto_delete_timer_changed'],
  ])('%s is ignored, naming the event', (name, key) => {
    const decoded = decodeTelegramUpdate(fixture(name), INBOX);
    expect(decoded).toMatchObject({ outcome: 'ignore', kind: 'message' });
    expect(describeIgnored(fixture(name))).toBe(`message in private chat 7311005566 ignored: service message '${key}'`);
  });

  it.each(['new_chat_members', 'left_chat_member', 'new_chat_title', 'forum_topic_created', 'write_access_allowed'])(
    'a private-chat message carrying %s gives no item',
    (key) => {
      const update = fixture('auto-delete-timer');
      const message = update.message as Record<string, unknown>;
      delete message.message_auto_delete_timer_changed;
      message[key] = key === 'new_chat_title' ? 'New title' : {};
      expect(normalizeTelegramUpdate(update, INBOX)).toEqual([]);
    },
  );
});

describe('business messages are messages of that owner', () => {
  it('keeps the connection in meta and in its own thread, apart from the bot chat', () => {
    const message = onlyMessage(fixture('business-message'));
    expect(message).toMatchObject({
      kind: 'message',
      threadKey: 'business:AbCdEfGh1234_bizconn:7311004455',
      externalId: 'business:AbCdEfGh1234_bizconn:7311004455:123',
      author: { externalId: '7311004455', name: 'Lan', username: 'lan_chen', languageCode: 'zh-hans' },
      text: '请问3号楼的停车位还有空余吗？',
      meta: { businessConnectionId: 'AbCdEfGh1234_bizconn' },
    });
  });

  it('an edited business message edits the same external id', () => {
    const edit = only(normalizeTelegramUpdate(fixture('edited-business-message'), INBOX));
    expect(edit).toMatchObject({
      kind: 'edit',
      externalId: 'business:AbCdEfGh1234_bizconn:7311004455:123',
      text: '请问5号楼的停车位还有空余吗？',
      editedAt: new Date(1684984720 * 1000),
    });
  });

  it("the business account's own messages and ones without a connection are ignored", () => {
    const own = fixture('business-message');
    (own.business_message as Record<string, unknown>).from = { id: 7399000001, is_bot: false, first_name: 'Service desk' };
    expect(describeIgnored(own)).toBe('business_message written by the business account ignored');
    const unconnected = fixture('business-message');
    delete (unconnected.business_message as Record<string, unknown>).business_connection_id;
    expect(describeIgnored(unconnected)).toBe('business_message without business_connection_id ignored');
  });
});

describe('other update kinds are ignored by name', () => {
  it.each([
    ['message-reaction', 'message_reaction'],
    ['channel-post', 'channel_post'],
  ])('%s', (name, kind) => {
    expect(decodeTelegramUpdate(fixture(name), INBOX)).toMatchObject({ outcome: 'ignore', kind });
  });
});

describe('bad payloads: store what can be stored, ignore what cannot', () => {
  it('a message without `from` in a private chat is the chat person writing', () => {
    const update = fixture('poll');
    delete (update.message as Record<string, unknown>).from;
    expect(onlyMessage(update).author).toEqual({ externalId: '7311005566', name: 'Marco Bianchi', username: 'marco_bianchi' });
  });

  it('entities, photo or reply_to_message of the wrong type are dropped, the text kept', () => {
    const update = fixture('text-private');
    const message = update.message as Record<string, unknown>;
    message.entities = 'not a list';
    message.caption_entities = 7;
    message.reply_to_message = [];
    const stored = onlyMessage(update);
    expect(stored.text).toBe(message.text);
    expect(stored).not.toHaveProperty('command');
    expect(stored).not.toHaveProperty('inReplyTo');

    const photo = fixture('photo-caption');
    (photo.message as Record<string, unknown>).photo = { file_id: 'x' };
    expect(onlyMessage(photo)).toMatchObject({ contentType: 'unsupported', text: '[photo]', attachments: [] });
  });

  it('a message without chat, or with a date no clock can hold, is ignored with the field named', () => {
    const noChat = fixture('text-private');
    delete (noChat.message as Record<string, unknown>).chat;
    expect(decodeTelegramUpdate(noChat, INBOX)).toMatchObject({ outcome: 'ignore', reason: expect.stringContaining('message.chat') });
    const future = fixture('text-private');
    (future.message as Record<string, unknown>).date = 1e15;
    expect(decodeTelegramUpdate(future, INBOX)).toMatchObject({ outcome: 'ignore', reason: expect.stringContaining('message.date') });
  });

  it('NULs are dropped and lone surrogates replaced before anything is read', () => {
    const update = fixture('text-private');
    (update.message as Record<string, unknown>).text = 'a\u0000b\uD800c';
    expect(onlyMessage(update).text).toBe('ab\uFFFDc');
  });

  it('a body without update_id is rejected as no update at all', () => {
    expect(decodeTelegramUpdate({ message: {} }, INBOX)).toMatchObject({ outcome: 'reject', reason: expect.stringContaining('update_id') });
    expect(decodeTelegramUpdate([1, 2], INBOX)).toMatchObject({ outcome: 'reject' });
    expect(decodeTelegramUpdate(null, INBOX)).toMatchObject({ outcome: 'reject' });
  });
});
