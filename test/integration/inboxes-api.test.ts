/**
 * Inboxes as data: two Telegram bots added through the API, side by side, each receiving on
 * its own /webhooks/telegram/<inboxId> and replying through its own bot; config validated by
 * the channel's schema, secrets sealed and never returned, a PATCH without a secret keeping
 * it, a disabled inbox refusing its webhook, the environment's bot seeded as an inbox.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxes } from '../../db/schema/index.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';

const TOKEN_A = '7000000101:AAEstateOneBotTokenForTests_abcdef';
const TOKEN_B = '7000000102:AAEstateTwoBotTokenForTests_abcdef';

interface InboxBody {
  id: string;
  channel: string;
  name: string;
  config: Record<string, unknown>;
  secretsSet: string[];
  disabled: boolean;
  source: string;
  webhookUrl: string | null;
  health: { lastInboundAt: string | null; lastDeliveryAt: string | null; lastError: string | null };
}
interface ConversationItem {
  id: string;
  inboxId: string;
  channel: string;
  contact: { name: string };
}

let env: FakeTelegram;
let botA: FakeTelegram;
let botB: FakeTelegram;
let hx: TestServer;

beforeAll(async () => {
  env = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  botA = await startFakeTelegram({ token: TOKEN_A });
  botB = await startFakeTelegram({ token: TOKEN_B });
  hx = await startTestServer({ telegramApiRoot: env.apiRoot });
});
afterAll(async () => {
  await hx?.close();
  await Promise.all([env?.close(), botA?.close(), botB?.close()]);
});

async function postWebhook(path: string, secret: string, body: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(hx.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

const addBot = (name: string, token: string, secret: string, apiRoot: string) =>
  hx.api<InboxBody>('/api/inboxes', { method: 'POST', body: { channel: 'telegram', name, config: { botToken: token, webhookSecret: secret, mode: 'webhook', apiRoot } } });

describe('inbox API', () => {
  it('lists the registry’s kinds with capabilities and a config description', async () => {
    const res = await hx.api<{ data: { kind: string; creatable: boolean; webhook: boolean; capabilities: { maxTextLength: number }; configSchema: { properties: Record<string, { writeOnly?: boolean }> } }[] }>('/api/channels');
    expect(res.status).toBe(200);
    const telegram = res.body.data.find((k) => k.kind === 'telegram')!;
    expect(telegram).toMatchObject({ creatable: true, webhook: true, capabilities: { maxTextLength: 4096 } });
    expect(telegram.configSchema.properties.botToken?.writeOnly).toBe(true);
    expect(telegram.configSchema.properties.mode?.writeOnly).toBeUndefined();
    expect(res.body.data.find((k) => k.kind === 'phone')).toMatchObject({ creatable: false, webhook: false });
  });

  it('shows the environment’s bot as a seeded inbox, its secrets only as set', async () => {
    const res = await hx.api<{ data: InboxBody[] }>('/api/inboxes');
    const seeded = res.body.data.find((i) => i.id === hx.telegramInboxId)!;
    expect(seeded).toMatchObject({ channel: 'telegram', source: 'env', secretsSet: ['botToken', 'webhookSecret'] });
    expect(JSON.stringify(res.body)).not.toContain(TEST_BOT_TOKEN);
    const patch = await hx.api(`/api/inboxes/${seeded.id}`, { method: 'PATCH', body: { config: { mode: 'polling' } } });
    expect(patch.status).toBe(409);
  });

  it('refuses a config its channel’s schema rejects with 400 naming the fields, storing nothing', async () => {
    const res = await hx.api<{ error: string; details: { path: string }[] }>('/api/inboxes', {
      method: 'POST',
      body: { channel: 'telegram', name: 'broken', config: { botToken: 'not a token', mode: 'webhook' } },
    });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.path).sort()).toEqual(['config.botToken', 'config.webhookSecret']);
    const unknown = await hx.api('/api/inboxes', { method: 'POST', body: { channel: 'carrier-pigeon', name: 'x', config: {} } });
    expect(unknown.status).toBe(400);
    const notCreatable = await hx.api('/api/inboxes', { method: 'POST', body: { channel: 'phone', name: 'x', config: {} } });
    expect(notCreatable.status).toBe(409);
    const rows = await hx.database.db.select().from(inboxes).where(eq(inboxes.name, 'broken'));
    expect(rows).toHaveLength(0);
  });

  it('is for admins only', async () => {
    const agent = await hx.api<{ id: string }>('/api/users', { method: 'POST', body: { email: 'agent-inboxes@example.com', name: 'Agent', password: 'agent password 123', role: 'agent' } });
    expect(agent.status).toBe(201);
    const login = await hx.api<{ token: string }>('/api/auth/login', { method: 'POST', body: { email: 'agent-inboxes@example.com', password: 'agent password 123' }, token: null });
    const token = login.body.token;
    expect((await hx.api('/api/inboxes', { method: 'POST', token, body: { channel: 'telegram', name: 'x', config: { botToken: TOKEN_A, webhookSecret: 's', apiRoot: botA.apiRoot } } })).status).toBe(403);
    const list = await hx.api<{ data: Record<string, unknown>[] }>('/api/inboxes', { token });
    expect(list.status).toBe(200);
    expect(list.body.data.every((i) => !('config' in i) && !('secretsSet' in i))).toBe(true);
  });
});

describe('two Telegram bots side by side', () => {
  let a: InboxBody;
  let b: InboxBody;

  it('adds both through the API, with their webhook URLs, never returning a secret', async () => {
    const resA = await addBot('Estate One 一期', TOKEN_A, 'secret_estate_one', botA.apiRoot);
    const resB = await addBot('Estate Two 二期', TOKEN_B, 'secret_estate_two', botB.apiRoot);
    expect(resA.status).toBe(201);
    expect(resB.status).toBe(201);
    a = resA.body;
    b = resB.body;
    expect(a.webhookUrl).toBe(`${hx.url}/webhooks/telegram/${a.id}`);
    expect(a.secretsSet).toEqual(['botToken', 'webhookSecret']);
    expect(a.config).toEqual({ mode: 'webhook', apiRoot: botA.apiRoot });
    expect(JSON.stringify([resA.body, resB.body])).not.toMatch(/secret_estate|AAEstate/);
    const row = (await hx.database.db.select().from(inboxes).where(eq(inboxes.id, a.id)))[0]!;
    expect(row.secretsEncrypted).not.toContain('secret_estate_one');
    const again = await addBot('Estate One again', TOKEN_A, 'another_secret', botA.apiRoot);
    expect(again.status).toBe(409);
  });

  it('each bot receives into its own inbox and replies through its own bot', async () => {
    const ownerA = newOwner('王', '一期');
    const ownerB = newOwner('李', '二期');
    expect((await postWebhook(`/webhooks/telegram/${a.id}`, 'secret_estate_one', textUpdate(ownerA, '一期 3 栋电梯坏了'))).status).toBe(200);
    expect((await postWebhook(`/webhooks/telegram/${b.id}`, 'secret_estate_two', textUpdate(ownerB, '二期停车场灯不亮'))).status).toBe(200);
    const list = (await hx.api<{ data: ConversationItem[] }>('/api/conversations?status=all')).body.data;
    const convA = list.find((c) => c.contact.name.startsWith('王'))!;
    const convB = list.find((c) => c.contact.name.startsWith('李'))!;
    expect(convA).toMatchObject({ inboxId: a.id, channel: 'telegram' });
    expect(convB).toMatchObject({ inboxId: b.id, channel: 'telegram' });

    await hx.api(`/api/conversations/${convA.id}/messages`, { method: 'POST', body: { content: '师傅马上到' } });
    await hx.api(`/api/conversations/${convB.id}/messages`, { method: 'POST', body: { content: '已通知保洁' } });
    const sentA = await botA.waitFor('sendMessage');
    const sentB = await botB.waitFor('sendMessage');
    expect(sentA.params).toMatchObject({ chat_id: String(ownerA.id), text: '师傅马上到' });
    expect(sentB.params).toMatchObject({ chat_id: String(ownerB.id), text: '已通知保洁' });
    expect(env.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(0);

    const health = await eventually(async () => {
      const view = (await hx.api<InboxBody>(`/api/inboxes/${a.id}`)).body;
      return view.health.lastDeliveryAt && view.health.lastInboundAt ? view.health : null;
    });
    expect(health.lastError).toBeNull();
  });

  it('refuses the other bot’s secret, a redelivery stores nothing new, and a wrong kind is 404', async () => {
    const owner = newOwner('赵');
    const update = textUpdate(owner, '重复投递');
    expect((await postWebhook(`/webhooks/telegram/${a.id}`, 'secret_estate_two', update)).status).toBe(401);
    expect((await postWebhook(`/webhooks/telegram/${a.id}`, 'secret_estate_one', update)).status).toBe(200);
    expect((await postWebhook(`/webhooks/telegram/${a.id}`, 'secret_estate_one', update)).status).toBe(200);
    const convs = (await hx.api<{ data: ConversationItem[] }>('/api/conversations?status=all')).body.data.filter((c) => c.contact.name === '赵');
    expect(convs).toHaveLength(1);
    const messages = (await hx.api<{ data: unknown[] }>(`/api/conversations/${convs[0]!.id}/messages`)).body.data;
    expect(messages).toHaveLength(1);
    expect((await postWebhook(`/webhooks/wechat/${a.id}`, 'secret_estate_one', update)).status).toBe(404);
    expect((await postWebhook(`/webhooks/telegram/00000000-0000-4000-8000-000000000000`, 'x', update)).status).toBe(404);
    const big = JSON.stringify({ ...update, padding: 'x'.repeat(1024 * 1024) });
    expect((await postWebhook(`/webhooks/telegram/${a.id}`, 'secret_estate_one', big)).status).toBe(413);
  });

  it('keeps a secret a PATCH leaves out, takes a new one, and a test calls the bot', async () => {
    const renamed = await hx.api<InboxBody>(`/api/inboxes/${a.id}`, { method: 'PATCH', body: { name: 'Estate One', config: { webhookSecret: 'rotated_secret_1' } } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.secretsSet).toEqual(['botToken', 'webhookSecret']);
    const owner = newOwner('钱');
    expect((await postWebhook(`/webhooks/telegram/${a.id}`, 'secret_estate_one', textUpdate(owner, 'old secret'))).status).toBe(401);
    expect((await postWebhook(`/webhooks/telegram/${a.id}`, 'rotated_secret_1', textUpdate(owner, 'new secret'))).status).toBe(200);
    const test = await hx.api<{ ok: boolean; detail?: string }>(`/api/inboxes/${a.id}/test`, { method: 'POST' });
    expect(test.body).toEqual({ ok: true, detail: '@fake_huixin_bot' });
    const bad = await hx.api<{ details: { path: string }[] }>(`/api/inboxes/${a.id}`, { method: 'PATCH', body: { config: { mode: 'sideways' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]?.path).toBe('config.mode');
  });

  it('disables an inbox with conversations on DELETE: its webhook answers 404, the other bot goes on', async () => {
    const res = await hx.api<{ outcome: string }>(`/api/inboxes/${b.id}`, { method: 'DELETE' });
    expect(res.body).toEqual({ outcome: 'disabled' });
    const owner = newOwner('孙');
    expect((await postWebhook(`/webhooks/telegram/${b.id}`, 'secret_estate_two', textUpdate(owner, 'after disable'))).status).toBe(404);
    expect((await postWebhook(`/webhooks/telegram/${a.id}`, 'rotated_secret_1', textUpdate(owner, 'still open'))).status).toBe(200);
    const enabled = await hx.api<InboxBody>(`/api/inboxes/${b.id}`, { method: 'PATCH', body: { disabled: false } });
    expect(enabled.body.disabled).toBe(false);
    expect((await postWebhook(`/webhooks/telegram/${b.id}`, 'secret_estate_two', textUpdate(owner, 'back again'))).status).toBe(200);
  });
});
