/**
 * Two Node instances on one PostgreSQL sweep the same due tickets at the same instant: every
 * escalation is recorded, and none twice (row locks with SKIP LOCKED, plus a unique record per
 * target, state and cycle). PostgreSQL only: PGlite runs one process by construction.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sweepTickets } from '../../src/services/tickets/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { departmentIdByName, ownerConversation, sh, testClock, type TicketDetailBody } from '../support/tickets.js';

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
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await db?.drop();
  await tg?.close();
});

it('records each escalation once when two instances sweep at the same moment', async () => {
  const repairs = await departmentIdByName(a, '维修部');
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const { conversationId } = await ownerConversation(a, `第${i}户 水管漏水`);
    const res = await a.api<{ id: string }>(`/api/conversations/${conversationId}/tickets`, {
      method: 'POST',
      body: { category: 'repair', priority: 'normal', departmentId: repairs, summary: `漏水 ${i}`, notifyOwner: false },
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  // 10:01: every first response is past due (at risk and breach both new).
  const now = sh('2026-11-23T10:01');
  const [ra, rb] = await Promise.all([sweepTickets(a.deps, { now }), sweepTickets(b.deps, { now })]);
  const all = [...ra.escalations, ...rb.escalations];
  expect(all).toHaveLength(12);
  expect(new Set(all.map((e) => e.ticketId)).size).toBe(12);
  // Both instances did part of the work, or one did all of it; either way nothing twice.
  for (const id of ids) {
    const d = await b.api<TicketDetailBody>(`/api/tickets/${id}`);
    expect(d.body.escalations.map((e) => [e.reason, e.target])).toEqual([['breached', 'first_response']]);
    expect(d.body.escalationLevel).toBe(1);
  }
  // A second round at the same instant finds nothing new.
  const again = await Promise.all([sweepTickets(a.deps, { now }), sweepTickets(b.deps, { now })]);
  expect(again.flatMap((r) => r.escalations)).toEqual([]);
});
