/**
 * The report numbers over a small center seeded through the real API and the Telegram webhook,
 * on a test clock, each checked against a value worked out by hand below (Shanghai times;
 * 2026-11-23 is a Monday; office hours Mon–Fri 08:30–12:00 and 13:30–17:30).
 *
 *   conv1  Mon 09:00 owner writes · 09:01 assigned to 张三 · 09:02 张三's private note ·
 *          09:05 张三 replies (first response 300 s, not 120) · 09:30 resolved (1800 s) ·
 *          Tue 09:00 reopened (a reopen within 7 days) · Tue 10:00 resolved (3600 s from the reopening)
 *   conv2  Mon 10:00 owner writes · 10:20 李四 replies (1200 s)
 *   conv3  Mon 17:00 owner writes · Tue 09:00 张三 replies (57600 s wall, 3600 s business:
 *          Mon 17:00–17:30 and Tue 08:30–09:00)
 *   conv4  Tue 11:00 owner writes · 11:05 李四's private note · never answered
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAgent, type TestAgent } from '../support/agents.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner } from '../support/telegram-updates.js';
import { ownerConversation, sh, testClock } from '../support/tickets.js';

interface Summary {
  key: string;
  label: string;
  conversations: number;
  firstResponse: { median: number | null; p90: number | null; mean: number | null };
  resolution: { median: number | null; p90: number | null; mean: number | null };
  slaAttainment: number | null;
  csat: { score: number | null; responses: number; responseRate: number | null };
  reopenRate: number | null;
}

let tg: FakeTelegram;
let hx: TestServer;
let zhang: TestAgent;
let li: TestAgent;
let supervisor: TestAgent;
const conv: string[] = [];
const t = testClock(sh('2026-11-23T09:00'));

const at = (local: string) => t.set(sh(local));
const reply = async (who: TestAgent, id: string, content: string, isPrivate = false) => {
  const res = await hx.api(`/api/conversations/${id}/messages`, { method: 'POST', body: { content, private: isPrivate }, token: who.token });
  expect(res.status).toBe(201);
};
const patch = async (id: string, body: Record<string, unknown>) => expect((await hx.api(`/api/conversations/${id}`, { method: 'PATCH', body })).status).toBe(200);
const summary = async (query: string, token = supervisor.token) => hx.api<{ data: Summary[] }>(`/api/reports/summary?${query}`, { token });

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, clock: t.clock, env: { TICKET_SWEEP_CRON: 'off', AUTO_ASSIGN: 'false', LOG_LEVEL: 'info' } });
  zhang = await createAgent(hx, '张三');
  li = await createAgent(hx, '李四');
  supervisor = await createAgent(hx, '钱主管', 'supervisor');

  at('2026-11-23T09:00');
  conv[1] = (await ownerConversation(hx, '电梯坏了', newOwner('业主', '一'))).conversationId;
  at('2026-11-23T09:01');
  await patch(conv[1], { assigneeId: zhang.id });
  at('2026-11-23T09:02');
  await reply(zhang, conv[1], '先查一下电梯维保记录', true);
  at('2026-11-23T09:05');
  await reply(zhang, conv[1], '您好，已通知维修部');
  at('2026-11-23T09:30');
  await patch(conv[1], { status: 'resolved' });

  at('2026-11-23T10:00');
  conv[2] = (await ownerConversation(hx, '物业费怎么交', newOwner('业主', '二'))).conversationId;
  at('2026-11-23T10:20');
  await reply(li, conv[2], '可以在服务号缴费');

  at('2026-11-23T17:00');
  conv[3] = (await ownerConversation(hx, '楼道灯不亮', newOwner('业主', '三'))).conversationId;

  at('2026-11-24T09:00');
  await reply(zhang, conv[3], '今天上午安排电工');
  await patch(conv[1], { status: 'open' });
  at('2026-11-24T10:00');
  await patch(conv[1], { status: 'resolved' });

  at('2026-11-24T11:00');
  conv[4] = (await ownerConversation(hx, '有人在小区里遛狗不牵绳', newOwner('业主', '四'))).conversationId;
  at('2026-11-24T11:05');
  await reply(li, conv[4], '转秩序部看看', true);
  at('2026-11-30T12:00');
}, 120_000);

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

const WEEK = 'from=2026-11-23&to=2026-11-29';

describe('GET /api/reports/summary', () => {
  it('gives first response and resolution by nearest rank, a private note never counting as a reply', async () => {
    const res = await summary(`${WEEK}&groupBy=channel`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      {
        key: 'telegram',
        label: 'telegram',
        conversations: 4,
        // [300, 1200, 57600]: rank ⌈1.5⌉ = 2, rank ⌈2.7⌉ = 3, mean 59100 / 3.
        firstResponse: { median: 1200, p90: 57600, mean: 19700 },
        // [1800, 3600]: the reopened conversation's second resolution counts from its reopening.
        resolution: { median: 1800, p90: 3600, mean: 2700 },
        slaAttainment: null,
        csat: { score: null, responses: 0, responseRate: null },
        reopenRate: 0.5,
      },
    ]);
  });

  it('counts business hours across the night', async () => {
    const res = await summary(`${WEEK}&groupBy=channel&hours=business`);
    // [300, 1200, 3600] — conv1 and conv2 lay inside office hours, conv3's night is closed.
    expect(res.body.data[0]?.firstResponse).toEqual({ median: 1200, p90: 3600, mean: 1700 });
    expect(res.body.data[0]?.resolution).toEqual({ median: 1800, p90: 3600, mean: 2700 });
  });

  it('credits the first response to its sender and the resolution to the assignee, by agent', async () => {
    const res = await summary(`${WEEK}&groupBy=agent`);
    const rows = res.body.data.map((r) => ({ key: r.key, label: r.label, conversations: r.conversations, fr: r.firstResponse, res: r.resolution.median, reopen: r.reopenRate }));
    expect(rows).toEqual([
      { key: zhang.id, label: '张三', conversations: 2, fr: { median: 300, p90: 57600, mean: 28950 }, res: 1800, reopen: 0.5 },
      // 李四's only other touch was a private note on conv4: no first response for it.
      { key: li.id, label: '李四', conversations: 1, fr: { median: 1200, p90: 1200, mean: 1200 }, res: null, reopen: null },
    ]);
  });

  it('puts conversations on their day in Shanghai, the unanswered one with nothing to measure', async () => {
    const res = await summary(`${WEEK}&groupBy=day`);
    expect(res.body.data.map((r) => [r.key, r.conversations, r.firstResponse.median, r.resolution.median])).toEqual([
      ['2026-11-23', 3, 1200, 1800],
      ['2026-11-24', 1, null, null],
    ]);
    // An instant range that ends before Tuesday's conversation leaves it out.
    const monday = await summary('from=2026-11-23T00:00:00%2B08:00&to=2026-11-24T00:00:00%2B08:00&groupBy=day');
    expect(monday.body.data.map((r) => [r.key, r.conversations])).toEqual([['2026-11-23', 3]]);
  });

  it('refuses a bad range with 400 and an agent without report.view with 403', async () => {
    expect((await summary('from=2026-11-30&to=2026-11-01')).status).toBe(400);
    expect((await summary(`${WEEK}&groupBy=estate`)).status).toBe(400);
    expect((await summary(`${WEEK}&groupBy=day`, zhang.token)).status).toBe(403);
  });
});

describe('GET /api/reports/conversations.csv', () => {
  it('gives one row per conversation, UTF-8 with a BOM so Excel shows the Chinese names, and logs who exported what', async () => {
    // Raw bytes: fetch's text() would swallow the BOM this checks for.
    // The logger writes JSON lines to stdout: catch them while the export runs.
    const logged: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    }) as typeof process.stdout.write);
    let res: Response;
    try {
      res = await fetch(`${hx.url}/api/reports/conversations.csv?${WEEK}`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    } finally {
      spy.mockRestore();
    }
    const entries = logged.flatMap((l) => l.split('\n')).flatMap((l) => (l.startsWith('{') ? [JSON.parse(l) as Record<string, unknown>] : []));
    // Who exported which period (Shanghai days: the 23rd through the 29th).
    expect(entries.find((e) => e.msg === 'report exported')).toMatchObject({
      userId: supervisor.id,
      export: 'conversations.csv',
      from: '2026-11-22T16:00:00.000Z',
      to: '2026-11-29T16:00:00.000Z',
      rows: 4,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFid,channel,')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe(`${conv[1]},telegram,2026-11-23 09:00:00,300,300,3600,3600,张三,resolved`);
    expect(lines[3]).toBe(`${conv[3]},telegram,2026-11-23 17:00:00,57600,3600,,,,open`);
    expect(lines[4]).toBe(`${conv[4]},telegram,2026-11-24 11:00:00,,,,,,open`);
  });
});
