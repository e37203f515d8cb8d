/**
 * WeChat webhook benchmark (issue 10): safe-mode Official Account callbacks per second stored
 * and pushed to a connected agent socket, and callback → socket latency at a steady rate,
 * beside the Telegram webhook on the same server in the same run. Both are measured in
 * alternating rounds (WeChat, then Telegram), median round reported; the steady phase sends
 * one request every 5 ms for `steadySeconds`, each side from a checkpoint.
 */
import postgres from 'postgres';
import { BENCH_ADMIN, startBenchServer } from './bench-server.js';
import { measureMax, median, runLoad, startAgentSocket, type MaxRound } from './telegram-webhook.js';

const TG_SECRET = 'bench-secret';
const TG_TOKEN = '7000000003:AAFakeTokenForBenchOnly_abcdefghijklm';
const WECHAT = { appId: 'wx00000000000be9c1', appSecret: 'bench-app-secret', token: 'benchToken', encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };

export interface WeChatBenchResult {
  throughput: {
    rounds: { wechat: number; telegram: number }[];
    wechat: { rps: number; storedPerSec: number; pushedPerSec: number; non2xx: number; cpuMsPerRequest: number; postgresCpuMsPerRequest: number; httpP99: number };
    telegram: { rps: number; storedPerSec: number; non2xx: number; cpuMsPerRequest: number; postgresCpuMsPerRequest: number; httpP99: number };
  };
  steady: {
    rate: number;
    wechat: { httpP50: number; httpP99: number; socketP50: number; socketP99: number; pushed: number; sent: number };
    telegram: { httpP50: number; httpP99: number; socketP50: number; socketP99: number; pushed: number; sent: number };
  };
}

const wechatGenerator = new URL('./wechat-load-generator.ts', import.meta.url);

export async function runWeChatBench(opts: { amount?: number; rounds?: number; steadySeconds?: number; connections?: number } = {}): Promise<WeChatBenchResult> {
  const amount = opts.amount ?? 5000;
  const roundCount = opts.rounds ?? 3;
  const steadySeconds = opts.steadySeconds ?? 20;
  const connections = opts.connections ?? 20;
  const { server, db } = await startBenchServer({ TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_WEBHOOK_SECRET: TG_SECRET, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' });
  const sql = postgres(db.url!, { max: 2, onnotice: () => {} });
  try {
    const login = await fetch(server.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_ADMIN) });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(server.url + '/api/inboxes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ channel: 'wechat', name: 'bench 服务号', config: { ...WECHAT, apiRoot: 'http://127.0.0.1:9' } }),
    });
    if (created.status !== 201) throw new Error(`creating the WeChat inbox failed: ${created.status} ${await created.text()}`);
    const { id: inboxId } = (await created.json()) as { id: string };
    const messageCount = async () => Number((await sql`select count(*)::int as n from messages`)[0]!.n);
    const agent = await startAgentSocket(server.url, token);

    const wechat = { url: `${server.url}/webhooks/wechat/${inboxId}`, ...WECHAT };
    const telegram = { url: server.url + '/webhooks/telegram', secret: TG_SECRET };
    const loadWeChat = (spec: Record<string, unknown>) => runLoad({ ...wechat, ...spec }, wechatGenerator);
    const loadTelegram = (spec: Record<string, unknown>) => runLoad({ ...telegram, ...spec });

    await loadWeChat({ mode: 'max', amount: 300, connections, idBase: 1 });
    await loadTelegram({ mode: 'max', amount: 300, connections, idBase: 1 });

    const rounds: { wx: MaxRound; tg: MaxRound }[] = [];
    for (let round = 0; round < roundCount; round++) {
      const idBase = 1_000_000 * (round + 1);
      await agent.ask('reset');
      let before = await messageCount();
      const wx = await measureMax(() => loadWeChat({ mode: 'max', amount, connections, idBase }));
      await new Promise((r) => setTimeout(r, 500));
      const wxStored = (await messageCount()) - before;
      const pushed = await agent.ask('report');
      before = await messageCount();
      const tg = await measureMax(() => loadTelegram({ mode: 'max', amount, connections, idBase }));
      await new Promise((r) => setTimeout(r, 500));
      const tgStored = (await messageCount()) - before;
      rounds.push({
        wx: { ...wx, storedPerSec: Math.round(wxStored / (wx.load.durationMs / 1000)), pushedPerSec: Math.round(pushed.pushed / (Math.max(1, pushed.lastPush - pushed.firstPush) / 1000)) },
        tg: { ...tg, storedPerSec: Math.round(tgStored / (tg.load.durationMs / 1000)) },
      });
    }

    const settle = async () => {
      await sql`checkpoint`;
      await new Promise((r) => setTimeout(r, 1000));
    };
    const steady = async (load: (spec: Record<string, unknown>) => Promise<Awaited<ReturnType<typeof runLoad>>>) => {
      await settle();
      await agent.ask('reset');
      const http = await load({ mode: 'rate', rate: 200, seconds: steadySeconds, connections: 10, idBase: 9_000_000 });
      await new Promise((r) => setTimeout(r, 500));
      const push = await agent.ask('report');
      return { httpP50: http.latency.p50, httpP99: http.latency.p99, socketP50: push.p50, socketP99: push.p99, pushed: push.pushed, sent: http.requests };
    };
    const steadyWx = await steady(loadWeChat);
    const steadyTg = await steady(loadTelegram);
    agent.stop();

    const wxMid = median(rounds.map((r) => r.wx));
    const tgMid = median(rounds.map((r) => r.tg));
    return {
      throughput: {
        rounds: rounds.map((r) => ({ wechat: r.wx.rps, telegram: r.tg.rps })),
        wechat: {
          rps: wxMid.rps,
          storedPerSec: wxMid.storedPerSec ?? 0,
          pushedPerSec: wxMid.pushedPerSec ?? 0,
          non2xx: rounds.reduce((n, r) => n + r.wx.load.non2xx, 0),
          cpuMsPerRequest: wxMid.serverCpuMs,
          postgresCpuMsPerRequest: wxMid.postgresCpuMs,
          httpP99: wxMid.load.latency.p99,
        },
        telegram: {
          rps: tgMid.rps,
          storedPerSec: tgMid.storedPerSec ?? 0,
          non2xx: rounds.reduce((n, r) => n + r.tg.load.non2xx, 0),
          cpuMsPerRequest: tgMid.serverCpuMs,
          postgresCpuMsPerRequest: tgMid.postgresCpuMs,
          httpP99: tgMid.load.latency.p99,
        },
      },
      steady: { rate: 200, wechat: steadyWx, telegram: steadyTg },
    };
  } finally {
    await server.stop();
    await sql.end();
    await db.drop();
  }
}
