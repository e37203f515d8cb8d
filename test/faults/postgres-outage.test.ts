/**
 * PostgreSQL unreachable in the middle of a webhook burst. The server reaches the shared
 * PostgreSQL through a TCP proxy the test cuts and restores (stopping the server itself would
 * break every other suite). Every update answered 2xx must be stored exactly once; every
 * update answered otherwise must be stored exactly once after Telegram's redelivery, and a
 * redelivery of one already stored must not store it again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { messages } from '../../db/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';

if (!process.env.DATABASE_URL) throw new Error('test/faults needs DATABASE_URL (npm test sets it)');

let tg: FakeTelegram;
let hx: TestServer;
let proxy: TcpProxy;
let db: TestDatabase;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  const target = new URL(db.url!);
  proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const viaProxy = new URL(db.url!);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  // With the cross-instance adapter on, so that its LISTEN connection has to survive the outage too.
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, db, databaseUrl: viaProxy.toString(), env: { REALTIME_ADAPTER: 'postgres' } });
});

afterAll(async () => {
  await hx?.close();
  await proxy?.close();
  await db?.drop();
  await tg?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL unreachable mid-burst', () => {
  it('stores every 2xx once, and every non-2xx once after redelivery', async () => {
    const updates = Array.from({ length: 60 }, (_, i) => textUpdate(newOwner(`Burst${i % 12}`), `停水通知 ${i}`));
    const statuses: number[] = new Array<number>(updates.length).fill(0);
    const burst = updates.map(async (u, i) => {
      await sleep(i * 20);
      statuses[i] = (await hx.webhook(u)).status;
    });
    // The database goes away a third of the way in, and comes back a little later.
    await sleep(400);
    proxy.cut();
    await sleep(500);
    expect((await fetch(hx.url + '/healthz')).status).toBe(503);
    proxy.restore();
    await Promise.all(burst);

    const accepted = updates.filter((_, i) => statuses[i]! >= 200 && statuses[i]! < 300);
    const refused = updates.filter((_, i) => !(statuses[i]! >= 200 && statuses[i]! < 300));
    // The outage must have bitten, and the burst must have gone on around it.
    expect(refused.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);

    // Telegram redelivers what was refused until it gets 200.
    for (const u of refused) {
      await eventually(async () => (await hx.webhook(u)).status === 200, 20_000, 200);
    }
    // …and now and then something it already had.
    for (const u of accepted.slice(0, 10)) expect((await hx.webhook(u)).status).toBe(200);

    const texts = updates.map((u) => u.message!.text!);
    const rows = await hx.deps.db.select({ content: messages.content }).from(messages).where(inArray(messages.content, texts));
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.content, (counts.get(r.content) ?? 0) + 1);
    for (const t of texts) expect(counts.get(t) ?? 0, t).toBe(1);
    expect((await fetch(hx.url + '/healthz')).status).toBe(200);
  });
});
