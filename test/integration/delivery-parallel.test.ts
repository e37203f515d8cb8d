/**
 * Replies go out in parallel across conversations, in order within one, and within
 * Telegram's limits (30 a second per bot, one a second per chat) by pacing in the queue
 * rather than by running into 429s. The fake Telegram holds answers for a chat and enforces
 * the limits the way the Bot API does, counting every 429 it gives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { messages } from '../../db/schema/index.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate, type Owner } from '../support/telegram-updates.js';

let tg: FakeTelegram;
let hx: TestServer;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot });
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

let chats = 0;
/** An owner who wrote in, and the conversation that opened. */
async function openChat(): Promise<{ owner: Owner; conversationId: string }> {
  const name = `Parallel${++chats}x${Date.now() % 100_000}`;
  const owner = newOwner(name);
  expect((await hx.webhook(textUpdate(owner, '你好'))).status).toBe(200);
  const conv = await eventually(async () => {
    const res = await hx.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
    return res.body.data.find((c) => c.contact.name === name);
  });
  return { owner, conversationId: conv.id };
}

async function reply(conversationId: string, content: string): Promise<string> {
  const res = await hx.api<{ id: string }>(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content } });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function statuses(ids: string[]): Promise<Map<string, string | null>> {
  const rows = await hx.deps.db.select({ id: messages.id, status: messages.deliveryStatus }).from(messages).where(inArray(messages.id, ids));
  return new Map(rows.map((r) => [r.id, r.status]));
}

async function allSent(ids: string[], timeoutMs = 20_000): Promise<void> {
  await eventually(async () => [...(await statuses(ids)).values()].every((s) => s === 'sent'), timeoutMs, 100);
}

function textsTo(owner: Owner): string[] {
  return tg.calls.filter((c) => c.method === 'sendMessage' && !c.error && String(c.params.chat_id) === String(owner.id)).map((c) => String(c.params.text));
}

describe('parallel delivery', () => {
  it('a chat whose Telegram answer hangs does not hold back replies to other chats', async () => {
    const slow = await openChat();
    const others = await Promise.all([openChat(), openChat(), openChat()]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    tg.setSendDelay((chatId) => (chatId === String(slow.owner.id) ? held : 0));
    try {
      const slowId = await reply(slow.conversationId, '慢的那一条');
      await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(slow.owner.id), 10_000);
      const otherIds = await Promise.all(others.map((o, i) => reply(o.conversationId, `其他会话 ${i}`)));
      await allSent(otherIds);
      // Still waiting for Telegram's answer about the slow one, and still not sent twice.
      expect((await statuses([slowId])).get(slowId)).toBe('sending');
      expect(textsTo(slow.owner)).toEqual(['慢的那一条']);
      release();
      await allSent([slowId]);
      expect(textsTo(slow.owner)).toEqual(['慢的那一条']);
    } finally {
      release();
      tg.setSendDelay(null);
    }
  });

  it('keeps the order within one chat, at most one a second there, even when Telegram answers slowly', async () => {
    const chat = await openChat();
    tg.enforceSendLimits({ perSecond: 30, perChatPerSecond: 1 });
    // A varying answer time would let a later reply overtake an earlier one if they ran side by side.
    let n = 0;
    tg.setSendDelay(() => [300, 20, 150, 0, 80][n++ % 5]!);
    try {
      const before = tg.limited;
      const ids: string[] = [];
      for (let i = 1; i <= 4; i++) ids.push(await reply(chat.conversationId, `第 ${i} 条`));
      await allSent(ids);
      expect(textsTo(chat.owner)).toEqual(['第 1 条', '第 2 条', '第 3 条', '第 4 条']);
      expect(tg.limited - before).toBe(0);
    } finally {
      tg.setSendDelay(null);
      tg.enforceSendLimits(null);
    }
  });

  it('40 replies at once to 20 chats all arrive, in order per chat, without a single 429', async () => {
    const convs = await Promise.all(Array.from({ length: 20 }, () => openChat()));
    tg.enforceSendLimits({ perSecond: 30, perChatPerSecond: 1 });
    try {
      const before = tg.limited;
      // Chats side by side, each chat's two replies one after the other.
      const ids = (await Promise.all(convs.map(async (c) => [await reply(c.conversationId, `A ${c.owner.id}`), await reply(c.conversationId, `B ${c.owner.id}`)]))).flat();
      expect(ids).toHaveLength(40);
      await allSent(ids, 30_000);
      for (const c of convs) {
        expect(textsTo(c.owner)).toEqual([`A ${c.owner.id}`, `B ${c.owner.id}`]);
      }
      expect(tg.limited - before).toBe(0);
    } finally {
      tg.enforceSendLimits(null);
    }
  });

  it('a 429 from Telegram puts the reply back in the queue instead of failing it', async () => {
    const chat = await openChat();
    tg.enforceSendLimits({ perSecond: 30, perChatPerSecond: 1 });
    try {
      // Someone else (another process with the same bot) just used this chat's second.
      const other = await fetch(`${tg.apiRoot}/bot${TEST_BOT_TOKEN}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: chat.owner.id, text: 'from elsewhere' }),
      });
      expect(other.status).toBe(200);
      const id = await reply(chat.conversationId, '排队重试');
      await allSent([id]);
      expect(textsTo(chat.owner).filter((t) => t === '排队重试')).toHaveLength(1);
    } finally {
      tg.enforceSendLimits(null);
    }
  });
});
