import { readFileSync } from 'node:fs';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import type { Inbound, InboundMessage } from '../types.js';
import { describeIgnored, normalizeTelegramUpdate } from './normalize.js';

const INBOX = 'inbox-tg-1';

/** Recorded payloads, see fixtures/SOURCES.md. */
function fixture(name: string): Update {
  const parsed: unknown = JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
  return parsed as Update;
}

/** A fixture's message with some fields replaced, for kinds we hold no recording of. */
function withMessage(name: string, patch: (message: Record<string, unknown>) => void): Update {
  const update = fixture(name);
  const message = update.message as unknown as Record<string, unknown>;
  patch(message);
  return update;
}

function only(items: Inbound[]): Inbound {
  expect(items).toHaveLength(1);
  return items[0] as Inbound;
}

function onlyMessage(update: Update): InboundMessage {
  const item = only(normalizeTelegramUpdate(update, INBOX));
  if (item.kind !== 'message') throw new Error(`expected a message, got ${item.kind}`);
  return item;
}

describe('normalizeTelegramUpdate: messages in private chats', () => {
  it('text message', () => {
    const update = fixture('text-private');
    expect(normalizeTelegramUpdate(update, INBOX)).toEqual([
      {
        kind: 'message',
        channel: 'telegram',
        inboxId: INBOX,
        externalId: '6012345678:1042',
        threadKey: '6012345678',
        author: { externalId: '6012345678', name: 'Lena', username: 'lena_f_2024', languageCode: 'en' },
        text: 'Hello, the hallway light on floor 12 of building 3 has been off since yesterday evening.',
        contentType: 'text',
        attachments: [],
        sentAt: new Date('2019-09-26T17:19:02.000Z'),
        raw: update.message,
      },
    ]);
    const message = onlyMessage(update);
    expect(message.raw).toBe(update.message);
    expect(message).not.toHaveProperty('command');
    expect(message).not.toHaveProperty('meta');
  });

  it('Chinese text keeps the characters and the zh-hans language code; name joins first and last', () => {
    const message = onlyMessage(fixture('text-chinese'));
    expect(message.text).toBe('你好，我家厨房的水管漏水了，麻烦尽快派师傅来修理。🙏');
    expect(message.author).toEqual({ externalId: '6830900835', name: '晓明 王', languageCode: 'zh-hans' });
    expect(message.externalId).toBe('6830900835:27');
    expect(message.sentAt.getTime()).toBe(1709564365 * 1000);
  });

  it('/start with a bot_command entity sets command', () => {
    const message = onlyMessage(fixture('command-start'));
    expect(message.command).toBe('start');
    expect(message.text).toBe('/start');
    expect(message.contentType).toBe('text');
    expect(message.author).toEqual({ externalId: '5820011442', name: 'Marco', username: 'marco_r88', languageCode: 'en' });
  });

  it('strips @botname and keeps the deep-link payload in the text', () => {
    const update = withMessage('command-start', (m) => {
      m.text = '/start@huixin_service_bot unit-3-1204';
      m.entities = [{ offset: 0, length: 25, type: 'bot_command' }];
    });
    const message = onlyMessage(update);
    expect(message.command).toBe('start');
    expect(message.text).toBe('/start@huixin_service_bot unit-3-1204');
  });

  it('a command that does not open the text, or is not a bot_command entity, is no command', () => {
    const later = withMessage('command-start', (m) => {
      m.text = 'please /start';
      m.entities = [{ offset: 7, length: 6, type: 'bot_command' }];
    });
    expect(onlyMessage(later)).not.toHaveProperty('command');
    const plain = withMessage('command-start', (m) => {
      m.text = '/start';
      delete m.entities;
    });
    expect(onlyMessage(plain)).not.toHaveProperty('command');
  });

  it('photo: the largest size becomes the attachment, the caption the text', () => {
    const update = fixture('photo-caption');
    const largest = update.message?.photo?.[3];
    const message = onlyMessage(update);
    expect(message.contentType).toBe('photo');
    expect(message.text).toBe('Water is leaking through the bathroom ceiling, see photo.');
    expect(message.attachments).toEqual([
      { kind: 'photo', fileId: largest?.file_id, mimeType: 'image/jpeg', size: 151590, width: 720, height: 1280 },
    ]);
    expect(message.author.name).toBe('Mark Doyle');
  });

  it('photo: picks the largest even when sizes arrive out of order', () => {
    const update = fixture('photo-caption');
    const sizes = [...(update.message?.photo ?? [])];
    const largest = sizes[3];
    const shuffled = withMessage('photo-caption', (m) => {
      m.photo = [sizes[2], sizes[3], sizes[0], sizes[1]];
      delete m.caption;
    });
    const message = onlyMessage(shuffled);
    expect(message.attachments[0]?.fileId).toBe(largest?.file_id);
    expect(message.text).toBe('');
  });

  it('document', () => {
    const update = fixture('document');
    const message = onlyMessage(update);
    expect(message.contentType).toBe('document');
    expect(message.text).toBe('Quote from the contractor for the balcony door');
    expect(message.attachments).toEqual([
      {
        kind: 'document',
        fileId: update.message?.document?.file_id,
        fileName: 'repair-quote-balcony-door.pdf',
        mimeType: 'application/pdf',
        size: 1745405,
      },
    ]);
  });

  it('voice', () => {
    const update = fixture('voice');
    const message = onlyMessage(update);
    expect(message.contentType).toBe('voice');
    expect(message.text).toBe('');
    expect(message.attachments).toEqual([
      { kind: 'voice', fileId: update.message?.voice?.file_id, mimeType: 'audio/ogg', size: 14663, duration: 3 },
    ]);
  });

  it('video', () => {
    const update = fixture('video');
    const message = onlyMessage(update);
    expect(message.contentType).toBe('video');
    expect(message.text).toBe('The pipes make this noise every night around 2am');
    expect(message.attachments).toEqual([
      { kind: 'video', fileId: update.message?.video?.file_id, mimeType: 'video/mp4', size: 1381334, width: 512, height: 640, duration: 13 },
    ]);
    expect(message.author).toEqual({ externalId: '250900111', name: 'Андрей Петров', username: 'andrei_p', languageCode: 'ru' });
  });

  it('sticker: the emoji is the text', () => {
    const update = fixture('sticker');
    const message = onlyMessage(update);
    expect(message.contentType).toBe('sticker');
    expect(message.text).toBe('😡');
    expect(message.attachments).toEqual([
      { kind: 'sticker', fileId: update.message?.sticker?.file_id, mimeType: 'application/x-tgsticker', size: 16639, width: 512, height: 512 },
    ]);
  });

  it('location', () => {
    const message = onlyMessage(fixture('location'));
    expect(message.contentType).toBe('location');
    expect(message.meta).toEqual({ latitude: 31.224361, longitude: 121.46917 });
    expect(message.text).toBe('📍 31.224361, 121.46917');
    expect(message.attachments).toEqual([]);
    expect(message.author.name).toBe('Giulia Rossi');
  });

  it('venue: a location with its name and address', () => {
    const update = withMessage('location', (m) => {
      m.venue = { location: m.location, title: '汇信花园 3号楼', address: '上海市黄浦区某路 88 号' };
    });
    const message = onlyMessage(update);
    expect(message.contentType).toBe('location');
    expect(message.meta).toEqual({ latitude: 31.224361, longitude: 121.46917, title: '汇信花园 3号楼', address: '上海市黄浦区某路 88 号' });
    expect(message.text).toBe('📍 汇信花园 3号楼, 上海市黄浦区某路 88 号 (31.224361, 121.46917)');
  });

  it('contact', () => {
    const message = onlyMessage(fixture('contact'));
    expect(message.contentType).toBe('contact');
    expect(message.meta).toEqual({ phoneNumber: '8613800138000', firstName: 'Wei', lastName: 'Zhang', userId: 6688123401 });
    expect(message.text).toBe('👤 Wei Zhang, 8613800138000');
  });

  it('audio, video_note and animation (derived from recorded messages)', () => {
    const audio = onlyMessage(withMessage('voice', (m) => {
      delete m.voice;
      m.audio = { file_id: 'CQACAgIAAxkBAAIBfake', file_unique_id: 'AgADfake1', duration: 243, mime_type: 'audio/mpeg', file_name: 'notice.mp3', file_size: 3897500, title: 'Notice' };
    }));
    expect(audio.contentType).toBe('audio');
    expect(audio.attachments).toEqual([{ kind: 'audio', fileId: 'CQACAgIAAxkBAAIBfake', fileName: 'notice.mp3', mimeType: 'audio/mpeg', size: 3897500, duration: 243 }]);

    const note = onlyMessage(withMessage('voice', (m) => {
      delete m.voice;
      m.video_note = { file_id: 'DQACAgIAAxkBAAIBfake', file_unique_id: 'AgADfake2', length: 240, duration: 2, file_size: 109288 };
    }));
    expect(note.contentType).toBe('video_note');
    expect(note.attachments).toEqual([{ kind: 'video_note', fileId: 'DQACAgIAAxkBAAIBfake', size: 109288, width: 240, height: 240, duration: 2 }]);

    // Telegram sends `document` next to `animation` for old clients; the animation wins.
    const gif = onlyMessage(withMessage('document', (m) => {
      const animation = { file_id: 'CgACAgIAAxkBAAIBfake', file_unique_id: 'AgADfake3', width: 320, height: 240, duration: 4, file_name: 'leak.mp4', mime_type: 'video/mp4', file_size: 65837 };
      m.animation = animation;
      m.document = { file_id: animation.file_id, file_unique_id: animation.file_unique_id, file_name: 'leak.mp4', mime_type: 'video/mp4', file_size: 65837 };
    }));
    expect(gif.contentType).toBe('animation');
    expect(gif.attachments).toEqual([{ kind: 'animation', fileId: 'CgACAgIAAxkBAAIBfake', fileName: 'leak.mp4', mimeType: 'video/mp4', size: 65837, width: 320, height: 240, duration: 4 }]);
  });

  it('unknown content (dice) is kept as unsupported with a marker text', () => {
    const dice = onlyMessage(fixture('dice'));
    expect(dice).toMatchObject({ contentType: 'unsupported', text: '[dice]', attachments: [], externalId: '879300317:5560' });
  });

  it('a reply points at the message it answers', () => {
    const update = withMessage('text-private', (m) => {
      m.reply_to_message = { message_id: 1040, date: 1569518300, chat: m.chat, from: { id: 7100200300, is_bot: true, first_name: 'Huixin' }, text: 'How can we help?' };
    });
    expect(onlyMessage(update).inReplyTo).toBe('6012345678:1040');
  });
});

describe('normalizeTelegramUpdate: other update kinds', () => {
  it('edited_message becomes an edit of the same external id', () => {
    const update = fixture('edited-message');
    expect(normalizeTelegramUpdate(update, INBOX)).toEqual([
      {
        kind: 'edit',
        channel: 'telegram',
        inboxId: INBOX,
        externalId: '5820011442:121',
        threadKey: '5820011442',
        author: { externalId: '5820011442', name: 'Marco', username: 'marco_r88', languageCode: 'en' },
        text: 'The parking gate at entrance B does not open with my card (entrance B, not A).',
        editedAt: new Date(1709661075 * 1000),
        raw: update.edited_message,
      },
    ]);
  });

  it('my_chat_member kicked in a private chat: the owner blocked the bot', () => {
    expect(normalizeTelegramUpdate(fixture('my-chat-member-kicked'), INBOX)).toEqual([
      {
        kind: 'blocked',
        channel: 'telegram',
        inboxId: INBOX,
        author: { externalId: '5342000777', name: 'Nelson Okafor', username: 'nelson_ok', languageCode: 'en' },
        at: new Date(1737277000 * 1000),
      },
    ]);
  });

  it('my_chat_member member in a private chat: the owner unblocked the bot', () => {
    const item = only(normalizeTelegramUpdate(fixture('my-chat-member-member'), INBOX));
    expect(item).toMatchObject({ kind: 'unblocked', author: { externalId: '5342000777' }, at: new Date(1737277338 * 1000) });
  });

  it('callback_query from an inline button in a private chat', () => {
    const update = fixture('callback-query');
    expect(normalizeTelegramUpdate(update, INBOX)).toEqual([
      {
        kind: 'callback',
        channel: 'telegram',
        inboxId: INBOX,
        callbackId: '1874464818486990916',
        threadKey: '436400850',
        author: { externalId: '436400850', name: 'Ольга Смирнова', username: 'olga_sm', languageCode: 'ru' },
        data: 'rate:T-1042:5',
        // Telegram sends no time with a callback: without receivedAt, the button message's edit_date.
        at: new Date(1611138145 * 1000),
      },
    ]);
    const receivedAt = new Date('2021-01-20T10:22:30.000Z');
    expect(only(normalizeTelegramUpdate(update, INBOX, { receivedAt }))).toMatchObject({ at: receivedAt });
  });
});

describe('ignored updates', () => {
  const handled = [
    'text-private', 'text-chinese', 'command-start', 'photo-caption', 'document', 'voice', 'video', 'sticker',
    'location', 'contact', 'dice', 'edited-message', 'my-chat-member-kicked', 'my-chat-member-member', 'callback-query',
  ];

  it.each(handled)('%s is handled, so describeIgnored is null', (name) => {
    expect(describeIgnored(fixture(name))).toBeNull();
    expect(normalizeTelegramUpdate(fixture(name), INBOX)).toHaveLength(1);
  });

  it('a group message is ignored, with the reason naming the chat', () => {
    const update = fixture('group-message');
    expect(normalizeTelegramUpdate(update, INBOX)).toEqual([]);
    expect(describeIgnored(update)).toBe('message in group chat -4183600108 ignored: private chats only');
  });

  it('a supergroup message is ignored', () => {
    const update = withMessage('group-message', (m) => {
      m.chat = { id: -1001906800117, title: 'Residents', type: 'supergroup' };
    });
    expect(normalizeTelegramUpdate(update, INBOX)).toEqual([]);
    expect(describeIgnored(update)).toContain('supergroup chat -1001906800117');
  });

  it('a channel post is ignored', () => {
    const update = fixture('channel-post');
    expect(normalizeTelegramUpdate(update, INBOX)).toEqual([]);
    expect(describeIgnored(update)).toBe('channel_post in channel chat -1001961800317 ignored: private chats only');
  });

  it('an edited group message is ignored', () => {
    const group = fixture('group-message');
    const update = { update_id: 1, edited_message: { ...group.message, edit_date: 1680553500 } } as Update;
    expect(normalizeTelegramUpdate(update, INBOX)).toEqual([]);
    expect(describeIgnored(update)).toContain('edited_message in group chat');
  });

  it('my_chat_member outside private chats, or with another status, is ignored', () => {
    const kicked = fixture('my-chat-member-kicked');
    const change = kicked.my_chat_member;
    if (!change) throw new Error('fixture lacks my_chat_member');
    const inGroup = { update_id: 2, my_chat_member: { ...change, chat: { id: -4726600835, title: 'Neighbours', type: 'group' } } } as Update;
    expect(normalizeTelegramUpdate(inGroup, INBOX)).toEqual([]);
    expect(describeIgnored(inGroup)).toContain('group chat -4726600835');

    const left = { update_id: 3, my_chat_member: { ...change, new_chat_member: { user: change.new_chat_member.user, status: 'left' } } } as Update;
    expect(normalizeTelegramUpdate(left, INBOX)).toEqual([]);
    expect(describeIgnored(left)).toBe("my_chat_member with status 'left' ignored");
  });

  it('callback queries without data, from inline messages or from groups are ignored', () => {
    const base = fixture('callback-query').callback_query;
    if (!base) throw new Error('fixture lacks callback_query');
    const { data: _data, ...withoutData } = base;
    const game = { update_id: 4, callback_query: { ...withoutData, game_short_name: 'quiz' } } as Update;
    expect(normalizeTelegramUpdate(game, INBOX)).toEqual([]);
    expect(describeIgnored(game)).toContain('without data');

    const { message: _message, ...withoutMessage } = base;
    const inline = { update_id: 5, callback_query: { ...withoutMessage, inline_message_id: 'AQAAAKA4CQCH75sq' } } as Update;
    expect(normalizeTelegramUpdate(inline, INBOX)).toEqual([]);
    expect(describeIgnored(inline)).toContain('inline-mode');

    const inGroup = { update_id: 6, callback_query: { ...base, message: { ...base.message, chat: { id: -4183600108, title: 'g', type: 'group' } } } } as Update;
    expect(normalizeTelegramUpdate(inGroup, INBOX)).toEqual([]);
    expect(describeIgnored(inGroup)).toContain('group chat -4183600108');
  });

  it('other update kinds are ignored by name', () => {
    const update = { update_id: 633291231, inline_query: { id: '3070310935021018023', from: { id: 1, is_bot: false, first_name: 'C' }, query: '', offset: '' } } as Update;
    expect(normalizeTelegramUpdate(update, INBOX)).toEqual([]);
    expect(describeIgnored(update)).toBe("update 633291231 of kind 'inline_query' not handled");
  });
});

describe('purity', () => {
  it('same input, same output, input untouched', () => {
    for (const name of ['photo-caption', 'callback-query', 'my-chat-member-kicked', 'edited-message']) {
      const update = fixture(name);
      const before = JSON.stringify(update);
      const first = normalizeTelegramUpdate(update, INBOX);
      const second = normalizeTelegramUpdate(update, INBOX);
      expect(second).toEqual(first);
      expect(JSON.stringify(update)).toBe(before);
    }
  });
});
