/**
 * The webhook's one-statement path under concurrency: messages that arrive while a statement
 * runs are stored together in the next one (src/services/ingest-fast-path.ts). Whatever the
 * batching, every message is stored once, each conversation counts all of them, and the live
 * events equal the catch-up log, in seq order.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { normalizeTelegramUpdate } from '../../channels/telegram/normalize.js';
import type { Inbound } from '../../channels/types.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate, type Owner } from '../support/telegram-updates.js';
import { ingestInbound } from '../../src/services/ingest-inbound.js';

interface Conversation {
  id: string;
  status: string;
  unreadCount: number;
  lastMessageAt: string;
  lastMessage: { content: string; direction: string } | null;
}
interface Message {
  id: string;
  content: string;
  createdAt: string;
}
interface LiveEvent {
  type: string;
  payload: { seq: number; conversationId: string; message?: Message; conversation?: Conversation };
}

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

const items = (update: Update): Inbound[] => normalizeTelegramUpdate(update, hx.telegramInboxId!, { receivedAt: new Date() });

async function openConversation(owner: Owner, name: string): Promise<Conversation> {
  await hx.webhook(textUpdate(owner, 'first message'));
  const list = await hx.api<{ data: (Conversation & { contact: { name: string } })[] }>('/api/conversations?status=all');
  const conv = list.body.data.find((c) => c.contact.name === name);
  if (!conv) throw new Error(`no conversation for ${name}`);
  return conv;
}

const LIVE_TYPES = ['conversation.created', 'conversation.updated', 'message.created'];

function recordLive(socket: Socket): LiveEvent[] {
  const seen: LiveEvent[] = [];
  for (const type of LIVE_TYPES) {
    socket.on(type, (payload: LiveEvent['payload']) => seen.push({ type, payload }));
  }
  return seen;
}

describe('messages that arrive together', () => {
  it('stores each once, counts all of them per conversation, and pushes the catch-up log in seq order', async () => {
    const owners = [newOwner('Batch', 'One'), newOwner('Batch', 'Two'), newOwner('Batch', 'Three')];
    const convs = await Promise.all(owners.map((o, i) => openConversation(o, `Batch ${['One', 'Two', 'Three'][i]}`)));
    const socket = await hx.socket();
    const live = recordLive(socket);
    const { body: before } = await hx.api<{ data: { seq: number }[] }>('/api/events?after=0&limit=1000');
    const lastSeq = before.data.at(-1)!.seq;

    // Called in one tick: the first message goes alone, the rest wait and go in one statement.
    const updates = Array.from({ length: 12 }, (_, i) => textUpdate(owners[i % 3]!, `together #${i}`));
    const redelivered = updates[4]!;
    const stranger = textUpdate(newOwner('Batch', 'Newcomer'), 'a first contact in the same burst');
    const results = await Promise.all(
      [...updates, redelivered, stranger].flatMap(items).map((item) => ingestInbound(hx.deps, item)),
    );

    expect(results.filter((r) => r.duplicate)).toHaveLength(1);
    expect(new Set(results.filter((r) => !r.duplicate).map((r) => r.messageId)).size).toBe(13);
    for (const [i, conv] of convs.entries()) {
      const { body: msgs } = await hx.api<{ data: Message[] }>(`/api/conversations/${conv.id}/messages`);
      const mine = updates.filter((_, k) => k % 3 === i).map((u) => (u.message as { text: string }).text);
      expect(msgs.data.map((m) => m.content).sort()).toEqual(['first message', ...mine].sort());
      const { body: now } = await hx.api<Conversation>(`/api/conversations/${conv.id}`);
      expect(now.unreadCount).toBe(1 + mine.length);
      // The list shows the conversation's newest message.
      const newest = msgs.data.reduce((a, b) => (b.createdAt >= a.createdAt ? b : a));
      expect(now.lastMessageAt).toBe(newest.createdAt);
      expect(msgs.data.filter((m) => m.createdAt === now.lastMessageAt).map((m) => m.content)).toContain(now.lastMessage!.content);
    }

    // Live events: exactly the catch-up log after lastSeq, in the same order, with the same payloads.
    const { body: log } = await hx.api<{ data: { seq: number; type: string; payload: LiveEvent['payload'] }[] }>(`/api/events?after=${lastSeq}`);
    // (Other kinds, such as the socket's own presence.updated, are not this test's business.)
    const logged = log.data.filter((e) => LIVE_TYPES.includes(e.type));
    await eventually(async () => live.length >= logged.length);
    expect(live).toHaveLength(logged.length);
    expect(live.map((e) => e.payload.seq)).toEqual(logged.map((e) => e.seq));
    expect(live.map((e) => e.type)).toEqual(logged.map((e) => e.type));
    expect(live.map((e) => e.payload)).toEqual(logged.map((e) => e.payload));
    expect(logged.filter((e) => e.type === 'message.created')).toHaveLength(13);
    // Each conversation's update is published before the message it came with.
    for (const conv of convs) {
      const mine = live.filter((e) => e.payload.conversationId === conv.id);
      expect(mine[0]!.type).toBe('conversation.updated');
    }
    socket.disconnect();
  });

  it('answers each webhook only after its message is stored', async () => {
    const owner = newOwner('Burst', 'Webhook');
    await openConversation(owner, 'Burst Webhook');
    const updates = Array.from({ length: 20 }, (_, i) => textUpdate(owner, `burst ${i}`));
    const answers = await Promise.all(updates.map((u) => hx.webhook(u)));
    expect(answers.map((a) => a.status)).toEqual(updates.map(() => 200));
    const list = await hx.api<{ data: (Conversation & { contact: { name: string } })[] }>('/api/conversations?status=all');
    const conv = list.body.data.find((c) => c.contact.name === 'Burst Webhook')!;
    expect(conv.unreadCount).toBe(21);
    const { body: msgs } = await hx.api<{ data: Message[] }>(`/api/conversations/${conv.id}/messages`);
    expect(msgs.data).toHaveLength(21);
  });
});
