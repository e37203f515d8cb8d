/**
 * Telegram bodies that can never be stored are acknowledged (200, `ignored`) so Telegram does
 * not redeliver them forever; what can be stored is stored once; business messages are an
 * owner's messages and the reply goes back through their business connection.
 */
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '../../db/schema/index.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, startTestServer, WEBHOOK_SECRET, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
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

type Json = Record<string, unknown>;
let nextUpdateId = 950_000_000;

/** A fixture with the owner's id in place of the recorded one and a fresh update_id. */
function ownFixture(name: string, owner: Owner): Json {
  const text = readFileSync(new URL(`../../channels/telegram/fixtures/${name}.json`, import.meta.url), 'utf8');
  const recorded = JSON.parse(text) as Json;
  const payload = Object.values(recorded).find((v) => typeof v === 'object') as { from?: { id: number } };
  const swapped = JSON.parse(text.split(String(payload.from?.id)).join(String(owner.id))) as Json;
  return { ...swapped, update_id: nextUpdateId++ };
}

async function storedFor(owner: Owner) {
  return hx.deps.db
    .select({ content: messages.content, contentType: messages.contentType, meta: messages.meta, externalId: messages.externalId, threadKey: conversations.threadKey })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(eq(conversations.threadKey, String(owner.id)));
}

async function ignoredCounts(): Promise<Record<string, number>> {
  const res = await fetch(`${hx.url}/webhooks/telegram`, { headers: { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ignored: Record<string, number> }).ignored;
}

describe('bodies that can never succeed are acknowledged, not redelivered', () => {
  it.each([
    ['message without chat', (u: Json) => delete (u.message as Json).chat],
    ['message_id of the wrong type', (u: Json) => ((u.message as Json).message_id = 'x')],
    ['date no clock can hold', (u: Json) => ((u.message as Json).date = 1e300)],
    ['message that is a string', (u: Json) => (u.message = 'hello')],
  ])('%s: 200 with the reason, nothing stored', async (_name, spoil) => {
    const owner = newOwner('Unusable');
    const update = textUpdate(owner, 'never stored') as unknown as Json;
    spoil(update);
    const res = await hx.webhook(update);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, ignored: expect.stringContaining('message') });
    expect(await storedFor(owner)).toHaveLength(0);
  });

  it('a service message (pin) is acknowledged and not shown as the owner writing', async () => {
    const owner = newOwner('Pinner');
    const res = await hx.webhook(ownFixture('pinned-message', owner));
    expect(res).toMatchObject({ status: 200, body: { ok: true, ignored: expect.stringContaining("service message 'pinned_message'") } });
    expect(await storedFor(owner)).toHaveLength(0);
  });

  it('counts ignored updates per kind, readable with the webhook secret', async () => {
    const before = await ignoredCounts();
    const owner = newOwner('Reactor');
    expect((await hx.webhook(ownFixture('message-reaction', owner))).status).toBe(200);
    expect((await hx.webhook(ownFixture('message-reaction', owner))).status).toBe(200);
    expect((await hx.webhook({ update_id: nextUpdateId++, poll_answer: { poll_id: '1', option_ids: [0] } })).status).toBe(200);
    const after = await ignoredCounts();
    expect(after.message_reaction).toBe((before.message_reaction ?? 0) + 2);
    expect(after.poll_answer).toBe((before.poll_answer ?? 0) + 1);
    const anonymous = await fetch(`${hx.url}/webhooks/telegram`);
    expect(anonymous.status).toBe(401);
  });

  it('a body that is no update at all still gets a 400 naming the problem', async () => {
    const res = await hx.webhook({ message: { text: 'no update_id' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('update_id');
  });
});

describe('what can be stored is stored, once', () => {
  it('without `from`, with entities that are no list, with NULs and lone surrogates', async () => {
    const owner = newOwner('Broken', 'Details');
    const update = textUpdate(owner, '/start') as unknown as Json;
    const message = update.message as Json;
    delete message.from;
    message.entities = { type: 'bot_command' };
    message.text = 'wa\u0000ter \uD83D leak';
    const first = await hx.webhook(update);
    expect(first).toMatchObject({ status: 200, body: { ok: true } });
    expect(first.body).not.toHaveProperty('ignored');
    // Redelivery is a no-op.
    expect((await hx.webhook(update)).status).toBe(200);
    const stored = await storedFor(owner);
    expect(stored).toEqual([expect.objectContaining({ content: 'water \uFFFD leak', contentType: 'text' })]);
  });

  it('a poll and shared users are stored as readable text with structured meta', async () => {
    const owner = newOwner('Sharer');
    expect((await hx.webhook(ownFixture('poll', owner))).status).toBe(200);
    expect((await hx.webhook(ownFixture('users-shared', owner))).status).toBe(200);
    const stored = await storedFor(owner);
    expect(stored.map((m) => m.content).sort()).toEqual([
      '👤 Ming Li (@li_ming_tenant, id 6688123402)',
      '📊 When should the lift be serviced?\n1. Saturday morning\n2. Sunday afternoon',
    ]);
    expect(stored.find((m) => m.contentType === 'contact')?.meta).toMatchObject({ sharedUsers: [{ userId: 6688123402, username: 'li_ming_tenant' }] });
  });
});

describe('business messages', () => {
  it('are stored as the owner writing, apart from the bot chat, and answered through the connection', async () => {
    const owner = newOwner('Lan');
    const update = ownFixture('business-message', owner);
    expect((await hx.webhook(update)).status).toBe(200);
    const threadKey = `business:AbCdEfGh1234_bizconn:${owner.id}`;
    const [conv] = await hx.deps.db.select().from(conversations).where(eq(conversations.threadKey, threadKey));
    expect(conv).toBeDefined();
    const [stored] = await hx.deps.db.select().from(messages).where(eq(messages.conversationId, conv!.id));
    expect(stored).toMatchObject({ direction: 'in', content: '请问3号楼的停车位还有空余吗？', meta: expect.objectContaining({ businessConnectionId: 'AbCdEfGh1234_bizconn' }) });

    // The same message id in the bot's own chat is a different message.
    expect((await hx.webhook(textUpdate(owner, 'bot chat', { messageId: 123 }))).status).toBe(200);
    expect(await storedFor(owner)).toHaveLength(1);

    const reply = await hx.api<{ id: string }>(`/api/conversations/${conv!.id}/messages`, { method: 'POST', body: { content: '还有两个空位' } });
    expect(reply.status).toBe(201);
    const sent = await tg.waitFor('sendMessage', (c) => c.params.text === '还有两个空位');
    expect(sent.params).toMatchObject({ business_connection_id: 'AbCdEfGh1234_bizconn' });
    expect(String(sent.params.chat_id)).toBe(String(owner.id));
    const delivered = await eventually(async () => {
      const [row] = await hx.deps.db.select().from(messages).where(eq(messages.id, reply.body.id));
      return row?.deliveryStatus === 'sent' ? row : null;
    });
    expect(delivered.externalId).toMatch(new RegExp(`^${threadKey}:\\d+$`));
  });
});
