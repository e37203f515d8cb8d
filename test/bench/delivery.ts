/**
 * Delivery benchmark (issue 11): replies per second through the real queue and grammY to a
 * fake Telegram that answers every sendMessage after 100 ms and enforces the Bot API's limits
 * (30/s per bot, 1/s per chat; every 429 counted). The baseline, in the same run, is the same
 * server with DELIVERY_CONCURRENCY=1: one reply at a time, as delivery worked before.
 *   throughput:   60 chats × 1 reply, posted at once; time until all are sent
 *   headOfLine:   one chat whose Telegram answer takes 3 s, then 20 other chats × 1 reply;
 *                 time until those 20 are sent
 */
import { inArray } from 'drizzle-orm';
import { messages } from '../../db/schema/index.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';
import { BENCH_ADMIN, startBenchServer } from './bench-server.js';

const TOKEN = '7000000003:AAFakeTokenForDeliveryBench_abcdefgh';
const SECRET = 'bench-delivery-secret';

interface Round {
  concurrency: number;
  throughput: { replies: number; ms: number; perSecond: number; rateLimited: number };
  headOfLine: { replies: number; msUntilOthersSent: number; rateLimited: number };
}

async function round(concurrency: number): Promise<Round> {
  const tg: FakeTelegram = await startFakeTelegram({ token: TOKEN });
  const { server, db } = await startBenchServer({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_MODE: 'webhook',
    DELIVERY_CONCURRENCY: String(concurrency),
  });
  try {
    const login = await fetch(server.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_ADMIN) });
    const { token } = (await login.json()) as { token: string };
    const api = async (path: string, body?: unknown) => {
      const res = await fetch(server.url + path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    const openChats = async (n: number, prefix: string) => {
      const owners = Array.from({ length: n }, (_, i) => newOwner(`${prefix}${i}`));
      for (const o of owners) {
        await fetch(server.url + '/webhooks/telegram', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
          body: JSON.stringify(textUpdate(o, '你好')),
        });
      }
      const list = (await api('/api/conversations?status=all&limit=100')).data as { id: string; contact: { name: string } }[];
      return owners.map((o) => ({ owner: o, id: list.find((c) => c.contact.name === o.first_name)!.id }));
    };
    const untilSent = async (ids: string[]) => {
      for (;;) {
        const rows = await server.deps.db.select({ s: messages.deliveryStatus }).from(messages).where(inArray(messages.id, ids));
        if (rows.every((r) => r.s === 'sent' || r.s === 'failed')) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    tg.enforceSendLimits({ perSecond: 30, perChatPerSecond: 1 });
    tg.setSendDelay(() => 100);
    const chats = await openChats(60, 'Tp');
    let before = tg.limited;
    let started = Date.now();
    const ids: string[] = [];
    for (const c of chats) ids.push((await api(`/api/conversations/${c.id}/messages`, { content: `通知 ${c.owner.id}` })).id as string);
    await untilSent(ids);
    const ms = Date.now() - started;
    const throughput = { replies: ids.length, ms, perSecond: Math.round((ids.length / ms) * 10_000) / 10, rateLimited: tg.limited - before };

    const [slow, ...others] = await openChats(21, 'Hol');
    tg.setSendDelay((chat) => (chat === String(slow!.owner.id) ? 3000 : 100));
    before = tg.limited;
    await api(`/api/conversations/${slow!.id}/messages`, { content: '慢' });
    started = Date.now();
    const otherIds: string[] = [];
    for (const c of others) otherIds.push((await api(`/api/conversations/${c.id}/messages`, { content: `其他 ${c.owner.id}` })).id as string);
    await untilSent(otherIds);
    const headOfLine = { replies: otherIds.length, msUntilOthersSent: Date.now() - started, rateLimited: tg.limited - before };
    return { concurrency, throughput, headOfLine };
  } finally {
    await server.stop();
    await db.drop();
    await tg.close();
  }
}

export async function runDeliveryBench(): Promise<{ baseline: Round; parallel: Round; speedup: { throughput: number; headOfLine: number } }> {
  const baseline = await round(1);
  const parallel = await round(16);
  return {
    baseline,
    parallel,
    speedup: {
      throughput: Math.round((baseline.throughput.ms / parallel.throughput.ms) * 10) / 10,
      headOfLine: Math.round((baseline.headOfLine.msUntilOthersSent / parallel.headOfLine.msUntilOthersSent) * 10) / 10,
    },
  };
}
