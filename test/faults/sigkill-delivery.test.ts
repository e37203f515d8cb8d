/**
 * SIGKILL during delivery: Huixin runs as its own process against a slow Telegram, is killed
 * while replies are on the wire, and started again. Nothing may be sent twice (the fake's
 * record) and nothing may be lost silently: every reply ends sent, or `unknown` / `failed`
 * with a reason an agent can act on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventually, TEST_BOT_TOKEN, WEBHOOK_SECRET } from '../support/huixin.js';
import { newOwner, textUpdate, type Owner } from '../support/telegram-updates.js';
import { apiClient, freePort, startHuixinProcess, type HuixinProcess } from './huixin-process.js';

if (!process.env.DATABASE_URL) throw new Error('test/faults needs DATABASE_URL (npm test sets it)');

let tg: FakeTelegram;
let db: TestDatabase;
let sql: postgres.Sql;
let hx: HuixinProcess | null = null;
let env: Record<string, string>;
let port: number;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  sql = postgres(db.url!, { max: 2, onnotice: () => {} });
  port = await freePort();
  env = {
    DATABASE_URL: db.url!,
    DATA_DIR: db.dataDir,
    TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_MODE: 'webhook',
    // Short, so that the sends the kill interrupted are settled within the test.
    DELIVERY_SEND_TIMEOUT_SECONDS: '2',
  };
});

afterAll(async () => {
  await hx?.kill();
  await sql?.end();
  await db?.drop();
  await tg?.close();
});

async function webhook(url: string, update: unknown): Promise<number> {
  const res = await fetch(url + '/webhooks/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
    body: JSON.stringify(update),
  });
  return res.status;
}

describe('SIGKILL while replies are being sent', () => {
  it('sends nothing twice and leaves nothing silently undelivered after a restart', async () => {
    hx = await startHuixinProcess(env, port);
    const api = await apiClient(hx.url);
    const owners: Owner[] = Array.from({ length: 8 }, (_, i) => newOwner(`Kill${i}`));
    for (const o of owners) expect(await webhook(hx.url, textUpdate(o, '报修'))).toBe(200);
    const convs = await eventually(async () => {
      const res = await api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
      return res.body.data.length >= owners.length ? res.body.data : null;
    });

    // Telegram answers slowly: every reply is on the wire for 1.5 s.
    tg.setSendDelay(() => 1500);
    const texts: string[] = [];
    for (const c of convs) {
      for (const n of [1, 2]) {
        const text = `${c.contact.name} 回复 ${n}`;
        texts.push(text);
        expect((await api(`/api/conversations/${c.id}/messages`, { method: 'POST', body: { content: text } })).status).toBe(201);
      }
    }
    // Kill once Telegram has some replies but has not answered for them.
    await eventually(async () => tg.calls.filter((c) => c.method === 'sendMessage').length >= 4, 20_000, 20);
    await hx.kill('SIGKILL');
    tg.setSendDelay(null);
    const inFlightAtKill = await sql<{ content: string }[]>`select content from messages where direction = 'out' and delivery_status = 'sending'`;
    expect(inFlightAtKill.length).toBeGreaterThan(0);

    hx = await startHuixinProcess(env, port);
    const rows = await eventually(
      async () => {
        const r = await sql<{ content: string; status: string; error: string | null }[]>`
          select content, delivery_status as status, delivery_error as error from messages where direction = 'out'`;
        return r.length === texts.length && r.every((m) => m.status === 'sent' || m.status === 'failed' || m.status === 'unknown') ? r : null;
      },
      60_000,
      250,
    );

    const received = (text: string) => tg.calls.filter((c) => c.method === 'sendMessage' && !c.error && c.params.text === text).length;
    for (const m of rows) {
      // Nothing sent twice.
      expect(received(m.content), m.content).toBeLessThanOrEqual(1);
      // Nothing lost silently: what is not known to be sent says why.
      if (m.status === 'sent') expect(received(m.content), m.content).toBe(1);
      else expect(m.error, m.content).toBeTruthy();
    }
    // The replies Telegram had when the process died are "may have been sent", not failed.
    for (const { content } of inFlightAtKill) {
      const row = rows.find((r) => r.content === content)!;
      expect(row.status, content).toBe('unknown');
      expect(row.error).toMatch(/may have been sent/);
    }
    // Everything that had not started went out after the restart, in order per chat.
    expect(rows.filter((r) => r.status === 'sent').length).toBeGreaterThanOrEqual(texts.length - inFlightAtKill.length);
    for (const c of convs) {
      const order = tg.calls.filter((x) => x.method === 'sendMessage' && String(x.params.text).startsWith(`${c.contact.name} `)).map((x) => String(x.params.text));
      expect(order, c.contact.name).toEqual([...order].sort());
    }
  });
});
