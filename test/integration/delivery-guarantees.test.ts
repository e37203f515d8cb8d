/**
 * "Nothing is sent twice, nothing is lost silently": a send interrupted by a crash (unknown,
 * confirmed or resent by an agent), a split reply resumed, and two workers racing for one
 * reply. (The database outage mid-burst lives in test/faults/postgres-outage.test.ts.)
 * Runs on real PostgreSQL when DATABASE_URL is set (CI does both), PGlite otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { messages } from '../../db/schema/index.js';
import { deliverMessage } from '../../src/services/deliver-message.js';
import { createTelegramChannel } from '../../channels/telegram/index.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, nextEvent, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';

let tg: FakeTelegram;
let hx: TestServer;
let db: TestDatabase;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, db });
});

afterAll(async () => {
  await hx?.close();
  await db?.drop();
  await tg?.close();
});

async function conversationFor(name: string) {
  const res = await hx.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
  return res.body.data.find((c) => c.contact.name === name) ?? null;
}

describe('a send interrupted mid-way', () => {
  it('is marked unknown ("may have been sent") and never resent automatically', async () => {
    const owner = newOwner('Crash');
    await hx.webhook(textUpdate(owner, 'hello'));
    const conv = await conversationFor('Crash');
    // Simulate a process that claimed the reply and died before recording the outcome:
    // store it directly in that state, as the crashed worker would have left it.
    const [row] = await hx.deps.db
      .insert(messages)
      .values({ conversationId: conv!.id, inboxId: hx.telegramInboxId!, direction: 'out', senderType: 'agent', content: 'maybe sent', deliveryStatus: 'sending' })
      .returning();
    const channel = createTelegramChannel({ token: TEST_BOT_TOKEN, apiRoot: tg.apiRoot });
    const outcome = await deliverMessage(hx.deps, { forInbox: () => channel }, row!.id);
    expect(outcome.status).toBe('unknown');
    const [after] = await hx.deps.db.select().from(messages).where(eq(messages.id, row!.id));
    expect(after!.deliveryStatus).toBe('unknown');
    expect(after!.deliveryError).toMatch(/interrupted; it may have been sent/);
    // The API shows it as its own state, not as failed.
    const listed = await hx.api<{ data: { id: string; delivery: { status: string } | null }[] }>(`/api/conversations/${conv!.id}/messages`);
    expect(listed.body.data.find((m) => m.id === row!.id)?.delivery?.status).toBe('unknown');
    expect(tg.calls.some((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(owner.id))).toBe(false);

    // The agent decides to send it again: exactly one delivery.
    const retry = await hx.api(`/api/messages/${row!.id}/retry`, { method: 'POST' });
    expect(retry.status).toBe(200);
    await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id));
    await eventually(async () => {
      const [m] = await hx.deps.db.select().from(messages).where(eq(messages.id, row!.id));
      return m?.deliveryStatus === 'sent';
    });
    expect((await hx.api(`/api/messages/${row!.id}/retry`, { method: 'POST' })).status).toBe(409);
  });

  it('a connection dropped after the request went out is unknown, not failed, and not resent', async () => {
    const owner = newOwner('Dropped');
    await hx.webhook(textUpdate(owner, 'hello'));
    const conv = await conversationFor('Dropped');
    // A Telegram of its own that takes the request and then vanishes without answering.
    const vanishing = await startFakeTelegram({ token: TEST_BOT_TOKEN });
    let received!: () => void;
    const arrived = new Promise<void>((resolve) => (received = resolve));
    vanishing.setSendDelay(() => {
      received();
      return new Promise<void>(() => {});
    });
    const [row] = await hx.deps.db
      .insert(messages)
      .values({ conversationId: conv!.id, inboxId: hx.telegramInboxId!, direction: 'out', senderType: 'agent', content: 'lost in transit?', deliveryStatus: 'queued' })
      .returning();
    const channel = createTelegramChannel({ token: TEST_BOT_TOKEN, apiRoot: vanishing.apiRoot });
    const delivering = deliverMessage(hx.deps, { forInbox: () => channel }, row!.id);
    await arrived;
    await vanishing.close();
    const outcome = await delivering;
    expect(outcome.status).toBe('unknown');
    const [after] = await hx.deps.db.select().from(messages).where(eq(messages.id, row!.id));
    expect(after!.deliveryStatus).toBe('unknown');
    expect(after!.deliveryError).toMatch(/outcome unknown.*may have been sent/);
    expect(vanishing.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
  });

  it('an agent confirms a reply of unknown outcome: marked sent, live, and nothing sent', async () => {
    const owner = newOwner('Confirm');
    await hx.webhook(textUpdate(owner, 'hello'));
    const conv = await conversationFor('Confirm');
    const [row] = await hx.deps.db
      .insert(messages)
      .values({ conversationId: conv!.id, inboxId: hx.telegramInboxId!, direction: 'out', senderType: 'agent', content: 'did it arrive?', deliveryStatus: 'unknown', deliveryError: 'delivery interrupted; it may have been sent' })
      .returning();
    // Only an unknown outcome can be confirmed; a queued or failed one cannot.
    const socket = await hx.socket();
    const updated = nextEvent<{ message: { id: string; delivery: { status: string } } }>(socket, 'message.updated', (p) => p.message.id === row!.id);
    const confirmed = await hx.api<{ delivery: { status: string; error: string | null } }>(`/api/messages/${row!.id}/confirm-sent`, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.delivery).toEqual({ status: 'sent', error: null });
    expect((await updated).message.delivery.status).toBe('sent');
    expect((await hx.api(`/api/messages/${row!.id}/confirm-sent`, { method: 'POST' })).status).toBe(409);
    expect((await hx.api(`/api/messages/${row!.id}/retry`, { method: 'POST' })).status).toBe(409);
    expect((await hx.api(`/api/messages/00000000-0000-4000-8000-000000000000/confirm-sent`, { method: 'POST' })).status).toBe(404);
    await new Promise((r) => setTimeout(r, 500));
    expect(tg.calls.some((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(owner.id))).toBe(false);
  });

  it('resumes a split reply after the parts already delivered', async () => {
    const owner = newOwner('Resume');
    await hx.webhook(textUpdate(owner, 'hello'));
    const conv = await conversationFor('Resume');
    const text = ['A'.repeat(4000), 'B'.repeat(4000), 'C'.repeat(100)].join('\n\n');
    const [row] = await hx.deps.db
      .insert(messages)
      .values({
        conversationId: conv!.id,
        inboxId: hx.telegramInboxId!,
        direction: 'out',
        senderType: 'agent',
        content: text,
        deliveryStatus: 'failed',
        deliveryError: 'delivery interrupted after 1 part(s)',
        deliveryPartsDone: 1,
        deliveryExternalIds: [`${owner.id}:1`],
      })
      .returning();
    expect((await hx.api(`/api/messages/${row!.id}/retry`, { method: 'POST' })).status).toBe(200);
    await eventually(async () => {
      const [m] = await hx.deps.db.select().from(messages).where(eq(messages.id, row!.id));
      return m?.deliveryStatus === 'sent';
    });
    const parts = tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(owner.id)).map((c) => String(c.params.text)[0]);
    expect(parts).toEqual(['B', 'C']);
    const [m] = await hx.deps.db.select().from(messages).where(eq(messages.id, row!.id));
    expect(m!.deliveryExternalIds).toHaveLength(3);
  });
});

describe('racing deliveries', () => {
  it('two workers given the same reply send it once', async () => {
    const owner = newOwner('Race');
    await hx.webhook(textUpdate(owner, 'hello'));
    const conv = await conversationFor('Race');
    const [row] = await hx.deps.db
      .insert(messages)
      .values({ conversationId: conv!.id, inboxId: hx.telegramInboxId!, direction: 'out', senderType: 'agent', content: 'once only', deliveryStatus: 'queued' })
      .returning();
    const channel = createTelegramChannel({ token: TEST_BOT_TOKEN, apiRoot: tg.apiRoot });
    const registry = { forInbox: () => channel };
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => deliverMessage(hx.deps, registry, row!.id)));
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(tg.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(owner.id))).toHaveLength(1);
  });

  it('concurrent first messages from one chat open one conversation', async () => {
    const owner = newOwner('Burst');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => hx.webhook(textUpdate(owner, `burst ${i}`))));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const res = await hx.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
    const mine = res.body.data.filter((c) => c.contact.name === 'Burst');
    expect(mine).toHaveLength(1);
    const msgs = await hx.api<{ data: unknown[] }>(`/api/conversations/${mine[0]!.id}/messages`);
    expect(msgs.body.data).toHaveLength(6);
  });
});
