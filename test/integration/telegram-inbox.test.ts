/**
 * The walking skeleton end to end on the server side: a Telegram owner reaches the live
 * inbox, an agent's reply goes back out through the (fake) Bot API exactly once.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, telegramErrors, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, nextEvent, startTestServer, TEST_BOT_TOKEN, WEBHOOK_SECRET, type TestServer } from '../support/huixin.js';
import { fixtureFor, newOwner, textUpdate } from '../support/telegram-updates.js';

interface ConversationItem {
  id: string;
  status: string;
  channel: string;
  contact: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  unreadCount: number;
  lastMessage: { content: string; direction: string } | null;
}
interface MessageItem {
  id: string;
  direction: 'in' | 'out';
  sender: { type: string; name: string };
  private: boolean;
  content: string;
  contentType: string;
  attachments: { kind: string; fileName?: string }[];
  edited: boolean;
  delivery: { status: string; error: string | null } | null;
}

let tg: FakeTelegram;
let hx: TestServer;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, env: { PUBLIC_URL: 'https://inbox.example.test/' } });
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

async function conversationsOf(contactName: string, status = 'all') {
  const res = await hx.api<{ data: ConversationItem[] }>(`/api/conversations?status=${status}`);
  return res.body.data.filter((c) => c.contact.name === contactName);
}

/** A webhook call whose body goes out in 64 KiB chunks with Transfer-Encoding: chunked. */
function postChunked(body: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${hx.url}/webhooks/telegram`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    req.on('error', reject);
    for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.slice(at, at + 64 * 1024));
    req.end();
  });
}

async function messagesOf(conversationId: string) {
  return (await hx.api<{ data: MessageItem[] }>(`/api/conversations/${conversationId}/messages`)).body.data;
}

describe('start-up in webhook mode', () => {
  it('registers its webhook with the secret and the update kinds it handles', async () => {
    const call = await tg.waitFor('setWebhook');
    // The env bot is an inbox like any other: registered at its own /webhooks/telegram/<inboxId> (the old path still serves it).
    expect(call.params.url).toBe(`https://inbox.example.test/webhooks/telegram/${hx.telegramInboxId}`);
    expect(call.params.secret_token).toBe('test-webhook-secret_123');
    expect(call.params.allowed_updates).toEqual(['message', 'edited_message', 'my_chat_member', 'callback_query']);
  });
});

describe('an owner writes on Telegram', () => {
  it('appears live for a connected agent, with the owner name and text', async () => {
    const socket = await hx.socket();
    const owner = newOwner('王', '小明');
    const created = nextEvent<{ seq: number; conversationId: string; conversation: ConversationItem }>(socket, 'conversation.created');
    const message = nextEvent<{ seq: number; conversationId: string; message: MessageItem }>(socket, 'message.created');
    const res = await hx.webhook(textUpdate(owner, '3号楼12层走廊灯不亮了'));
    expect(res.status).toBe(200);
    const c = await created;
    const m = await message;
    expect(c.conversation.contact.name).toBe('王 小明');
    expect(c.conversation.channel).toBe('telegram');
    expect(m.message.content).toBe('3号楼12层走廊灯不亮了');
    expect(m.conversationId).toBe(c.conversationId);
    expect(m.seq).toBeGreaterThan(c.seq);

    const [listed] = await conversationsOf('王 小明', 'open');
    expect(listed).toMatchObject({ id: c.conversationId, status: 'open', unreadCount: 1, lastMessage: { content: '3号楼12层走廊灯不亮了', direction: 'in' } });
  });

  it('pushes the same shapes for a later message as the REST API returns', async () => {
    // A later message from a known owner takes the one-statement path; its events must carry
    // exactly what GET returns (ids, dates, counts, names), or live lists drift.
    const socket = await hx.socket();
    const owner = newOwner('Shape', 'Check');
    await hx.webhook(textUpdate(owner, 'first'));
    const [conv] = await conversationsOf('Shape Check');
    await hx.api(`/api/conversations/${conv!.id}`, { method: 'PATCH', body: { status: 'pending' } });
    const updated = nextEvent<{ conversation: ConversationItem }>(socket, 'conversation.updated', (p) => p.conversation.id === conv!.id && p.conversation.status === 'open');
    const created = nextEvent<{ message: MessageItem }>(socket, 'message.created', (p) => p.message.content === 'second, with 中文');
    await hx.webhook(textUpdate(owner, 'second, with 中文'));
    const [u, m] = await Promise.all([updated, created]);
    const rest = await hx.api<ConversationItem>(`/api/conversations/${conv!.id}`);
    expect(u.conversation).toEqual(rest.body);
    expect(u.conversation.unreadCount).toBe(2);
    const restMessages = await messagesOf(conv!.id);
    expect(m.message).toEqual(restMessages.find((x) => x.id === m.message.id));
    expect(m.message.sender).toMatchObject({ type: 'contact', name: 'Shape Check' });
  });

  it('stores a redelivered update once', async () => {
    const owner = newOwner('Li');
    const update = textUpdate(owner, 'water leak in the garage');
    expect((await hx.webhook(update)).status).toBe(200);
    expect((await hx.webhook(update)).status).toBe(200);
    const [conv] = await conversationsOf('Li');
    expect(await messagesOf(conv!.id)).toHaveLength(1);
  });

  it('stores text with a NUL or a lone surrogate (cleaned) instead of failing on every redelivery', async () => {
    const owner = newOwner('Nul');
    // JSON escapes keep the bad code units intact on the wire, as Telegram would send them.
    const raw = JSON.stringify(textUpdate(owner, 'PLACEHOLDER')).replace('PLACEHOLDER', '\\u6f0f\\u0000\\u6c34 \\ud83d!');
    const res = await hx.webhook(null, { raw });
    expect(res.status).toBe(200);
    const [conv] = await conversationsOf('Nul');
    const [message] = await messagesOf(conv!.id);
    expect(message?.content).toBe('漏水 \uFFFD!');
  });

  it('keeps one conversation per chat while open, and opens a new one after resolve', async () => {
    const owner = newOwner('Zhao');
    await hx.webhook(textUpdate(owner, 'first'));
    await hx.webhook(textUpdate(owner, 'second'));
    const open = await conversationsOf('Zhao');
    expect(open).toHaveLength(1);
    expect((await messagesOf(open[0]!.id)).map((m) => m.content)).toEqual(['first', 'second']);

    const patched = await hx.api<ConversationItem>(`/api/conversations/${open[0]!.id}`, { method: 'PATCH', body: { status: 'pending' } });
    expect(patched.body.status).toBe('pending');
    await hx.webhook(textUpdate(owner, 'still there?'));
    const afterPending = await conversationsOf('Zhao');
    expect(afterPending).toHaveLength(1);
    expect(afterPending[0]!.status).toBe('open');

    await hx.api(`/api/conversations/${open[0]!.id}`, { method: 'PATCH', body: { status: 'resolved' } });
    await hx.webhook(textUpdate(owner, 'new problem'));
    const all = await conversationsOf('Zhao');
    expect(all).toHaveLength(2);
    const fresh = all.find((c) => c.id !== open[0]!.id)!;
    expect(fresh.status).toBe('open');
    expect((await messagesOf(fresh.id)).map((m) => m.content)).toEqual(['new problem']);
    // The same person, not a second contact.
    expect(fresh.contact.id).toBe(open[0]!.contact.id);
  });
});

describe('an agent replies', () => {
  async function openConversation(name: string) {
    const owner = newOwner(name);
    await hx.webhook(textUpdate(owner, 'hello'));
    const [conv] = await conversationsOf(name);
    return { owner, conv: conv! };
  }

  it('stores the reply as queued, sends it once, and shows it sent', async () => {
    const { owner, conv } = await openConversation('Sun');
    const socket = await hx.socket();
    const updated = nextEvent<{ message: MessageItem }>(socket, 'message.updated', (p) => p.message.delivery?.status === 'sent');
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: '您好，维修师傅下午两点上门。' } });
    expect(res.status).toBe(201);
    expect(res.body.delivery).toEqual({ status: 'queued', error: null });
    const call = await tg.waitFor('sendMessage', (c) => c.params.chat_id === owner.id || c.params.chat_id === String(owner.id));
    expect(call.params.text).toBe('您好，维修师傅下午两点上门。');
    expect((await updated).message.id).toBe(res.body.id);
    await new Promise((r) => setTimeout(r, 1500));
    expect(tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(owner.id))).toHaveLength(1);
  });

  it('never sends a private note', async () => {
    const { owner, conv } = await openConversation('Zhou');
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: 'owner sounds upset', private: true } });
    expect(res.status).toBe(201);
    expect(res.body.private).toBe(true);
    expect(res.body.delivery).toBeNull();
    await new Promise((r) => setTimeout(r, 1500));
    expect(tg.calls.some((c) => String(c.params.chat_id) === String(owner.id))).toBe(false);
  });

  it.each([
    ['bot blocked', telegramErrors.blocked, 'Forbidden: bot was blocked by the user'],
    ['chat not found', telegramErrors.chatNotFound, 'Bad Request: chat not found'],
  ])('marks the reply failed with Telegram’s reason (%s)', async (_name, error, reason) => {
    const { conv } = await openConversation(`Fail${error.error_code}`);
    tg.failNext('sendMessage', error);
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: 'reply' } });
    const failed = await eventually(async () => {
      const m = (await messagesOf(conv.id)).find((x) => x.id === res.body.id);
      return m?.delivery?.status === 'failed' ? m : null;
    });
    expect(failed.delivery?.error).toBe(reason);
  });

  it('retries after a 429 once retry_after has passed, and delivers once', async () => {
    const { owner, conv } = await openConversation('Wu');
    tg.failNext('sendMessage', telegramErrors.tooManyRequests(1));
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: 'after the limit' } });
    const sent = await eventually(async () => {
      const m = (await messagesOf(conv.id)).find((x) => x.id === res.body.id);
      return m?.delivery?.status === 'sent' ? m : null;
    }, 15_000);
    expect(sent.delivery?.error).toBeNull();
    const calls = tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(owner.id));
    expect(calls).toHaveLength(2);
    expect(calls[0]!.error?.error_code).toBe(429);
    expect(calls[1]!.error).toBeUndefined();
  });

  it('splits a reply over 4096 characters into ordered parts', async () => {
    const { owner, conv } = await openConversation('Qian');
    const paragraphs = Array.from({ length: 3 }, (_, i) => `${i + 1}. ${'维修说明'.repeat(700)}`);
    const long = paragraphs.join('\n\n');
    expect(long.length).toBeGreaterThan(8192);
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: long } });
    await eventually(async () => (await messagesOf(conv.id)).find((x) => x.id === res.body.id)?.delivery?.status === 'sent');
    const parts = tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(owner.id)).map((c) => String(c.params.text));
    expect(parts).toHaveLength(3);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => p.slice(0, 2))).toEqual(['1.', '2.', '3.']);
  });
});

describe('content kinds and control updates', () => {
  it('stores media with kind, caption and file metadata', async () => {
    const owner = newOwner('Media');
    // Fixtures from two different people, re-addressed to one test owner.
    for (const name of ['photo-caption', 'voice', 'location', 'contact', 'document', 'sticker', 'video']) {
      expect((await hx.webhook(fixtureFor(name, owner))).status).toBe(200);
    }
    const [conv] = (await hx.api<{ data: ConversationItem[] }>('/api/conversations?status=all&limit=100')).body.data.filter(
      (c) => c.lastMessage !== null && c.contact.name === 'Mark Doyle',
    );
    expect(conv).toBeTruthy();
    const msgs = await messagesOf(conv!.id);
    expect(msgs.map((m) => m.contentType)).toEqual(['photo', 'voice', 'location', 'contact', 'document', 'sticker', 'video']);
    const photo = msgs[0]!;
    expect(photo.content).toBe('Water is leaking through the bathroom ceiling, see photo.');
    expect(photo.attachments).toHaveLength(1);
    expect(photo.attachments[0]).toMatchObject({ kind: 'photo' });
    expect(msgs[1]!.attachments[0]).toMatchObject({ kind: 'voice', mimeType: 'audio/ogg' });
    expect(msgs[4]!.attachments[0]?.fileName).toBeTruthy();
  });

  it('answers /start with the welcome text an admin set', async () => {
    const put = await hx.api('/api/settings/telegram-welcome', { method: 'PUT', body: { text: '欢迎来到汇信物业客服！' } });
    expect(put.status).toBe(200);
    const owner = newOwner('Starter');
    const update = textUpdate(owner, '/start');
    await hx.webhook(update);
    const call = await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id));
    expect(call.params.text).toBe('欢迎来到汇信物业客服！');
    // A redelivered /start is not welcomed twice.
    await hx.webhook(update);
    await new Promise((r) => setTimeout(r, 1500));
    expect(tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(owner.id))).toHaveLength(1);
    const [conv] = await conversationsOf('Starter');
    const msgs = await messagesOf(conv!.id);
    expect(msgs.map((m) => [m.direction, m.sender.type])).toEqual([
      ['in', 'contact'],
      ['out', 'bot'],
    ]);
  });

  it('updates an edited message and marks it edited', async () => {
    const owner = newOwner('Editor');
    const original = textUpdate(owner, 'the lift is brokn', { messageId: 777 });
    await hx.webhook(original);
    const edited = {
      update_id: original.update_id + 1,
      edited_message: { ...original.message!, text: 'the lift is broken', edit_date: original.message!.date + 30 },
    };
    expect((await hx.webhook(edited)).status).toBe(200);
    const [conv] = await conversationsOf('Editor');
    const [m] = await messagesOf(conv!.id);
    expect(m).toMatchObject({ content: 'the lift is broken', edited: true });
  });

  it('ignores group updates with 200 and stores nothing', async () => {
    const before = (await hx.api<{ data: ConversationItem[] }>('/api/conversations?status=all&limit=100')).body.data.length;
    const group = await hx.webhook(fixtureFor('group-message', newOwner('Group')));
    const channel = await hx.webhook(fixtureFor('channel-post', newOwner('Channel')));
    expect(group.status).toBe(200);
    expect(channel.status).toBe(200);
    const after = (await hx.api<{ data: ConversationItem[] }>('/api/conversations?status=all&limit=100')).body.data.length;
    expect(after).toBe(before);
  });
});

describe('bad input', () => {
  it('refuses a wrong or missing secret with 401', async () => {
    const u = textUpdate(newOwner('Intruder'), 'hi');
    expect((await hx.webhook(u, { secret: 'wrong' })).status).toBe(401);
    expect((await hx.webhook(u, { secret: null })).status).toBe(401);
    expect(await conversationsOf('Intruder')).toHaveLength(0);
  });

  it('answers malformed JSON and invalid updates with 400 naming the problem', async () => {
    const bad = await hx.webhook(null, { raw: '{"update_id": 1, "message": ' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: expect.stringMatching(/JSON/) });
    const invalid = await hx.webhook({ update_id: 5, message: { message_id: 'x', date: 1, chat: { id: 1, type: 'private' } } });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('message.message_id');
  });

  it('acknowledges unknown update kinds with 200', async () => {
    const res = await hx.webhook({ update_id: 123456, poll: { id: '1', question: 'q', options: [] } });
    expect(res.status).toBe(200);
  });

  it('refuses API calls and socket handshakes without a valid token', async () => {
    expect((await hx.api('/api/conversations', { token: null })).status).toBe(401);
    expect((await hx.api('/api/conversations', { token: 'forged' })).status).toBe(401);
    await expect(hx.socket('forged')).rejects.toThrow(/unauthorized/);
  });

  it('reads a chunked body (no Content-Length) and still refuses one over 1 MiB with 413', async () => {
    const small = await postChunked(JSON.stringify(textUpdate(newOwner('Chunked'), 'sent in chunks')));
    expect(small.status).toBe(200);
    expect(await conversationsOf('Chunked')).toHaveLength(1);
    const huge = await postChunked(JSON.stringify(textUpdate(newOwner('HugeChunked'), 'y'.repeat(1024 * 1024 + 10))));
    expect(huge).toMatchObject({ status: 413, body: { error: 'body larger than 1 MiB' } });
    expect(await conversationsOf('HugeChunked')).toHaveLength(0);
  });

  // Last: the server closes that connection while the client is still uploading.
  it('answers a body over 1 MiB with 413', async () => {
    const u = textUpdate(newOwner('Huge'), 'x'.repeat(1024 * 1024 + 10));
    expect((await hx.webhook(u)).status).toBe(413);
    expect(await conversationsOf('Huge')).toHaveLength(0);
  });

});
