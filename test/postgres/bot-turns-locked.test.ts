/**
 * Two Node instances on one PostgreSQL take the same owner's messages at the same instant (a
 * double tap, or two quick messages landing on different instances): the bot session's row
 * lock makes the turns run one after the other, so a repair report is filed once, never twice.
 * PostgreSQL only: PGlite runs one transaction at a time by construction.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate, type Owner } from '../support/telegram-updates.js';
import { buttonTap, sh, testClock, type TicketBody } from '../support/tickets.js';

if (!process.env.DATABASE_URL) throw new Error('test/postgres needs DATABASE_URL (npm test sets it)');

let db: TestDatabase;
let tg: FakeTelegram;
let a: TestServer;
let b: TestServer;
const t = testClock(sh('2026-11-23T09:00'));
const env = { TICKET_SWEEP_CRON: 'off', AUTO_ASSIGN: 'false' };

beforeAll(async () => {
  db = await createTestDatabase();
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  a = await startTestServer({ db, telegramApiRoot: tg.apiRoot, clock: t.clock, env });
  b = await startTestServer({ db, telegramApiRoot: tg.apiRoot, clock: t.clock, env });
  expect((await a.api('/api/bot/settings', { method: 'PUT', body: { enabled: true } })).status).toBe(200);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await db?.drop();
  await tg?.close();
});

const ticketsOf = async (owner: Owner): Promise<TicketBody[]> => {
  const list = await a.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
  const conv = list.body.data.find((c) => c.contact.name === owner.first_name)!;
  return (await a.api<{ data: TicketBody[] }>(`/api/tickets?status=all&conversationId=${conv.id}`)).body.data;
};

it('files one ticket when the last answer of a report reaches both instances at once', async () => {
  const owners = Array.from({ length: 6 }, (_, i) => ({ ...newOwner(`并发业主${i}`), language_code: 'zh-hans' }));
  for (const owner of owners) {
    expect((await a.webhook(textUpdate(owner, '报修'))).status).toBe(200);
    expect((await a.webhook(buttonTap(owner, 'bot:cat:water'))).status).toBe(200);
    expect((await a.webhook(textUpdate(owner, '厨房水龙头关不紧'))).status).toBe(200);
    expect((await a.webhook(buttonTap(owner, 'bot:skip'))).status).toBe(200);
  }
  // The unit twice, on two instances, in the same moment: the two turns meet at the session lock.
  await Promise.all(owners.flatMap((owner) => [a.webhook(textUpdate(owner, '3栋2单元501')), b.webhook(textUpdate(owner, '3栋2单元501'))]));
  for (const owner of owners) {
    const tickets = await ticketsOf(owner);
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.summary).toContain('厨房水龙头关不紧');
  }
});
