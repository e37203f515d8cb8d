/**
 * Webhook benchmark (issue 2): Telegram updates per second stored and pushed to a connected
 * agent socket, and webhook → socket latency at a steady 200 updates/s, beside a baseline on
 * the same HTTP server: a route that does one plain INSERT of a comparable row.
 */
import { fork } from 'node:child_process';
import { BENCH_ADMIN, startBenchServer } from './bench-server.js';
import postgres from 'postgres';

export interface LoadResult {
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationMs: number;
  rps: number;
  latency: { p50: number; p99: number; max: number };
}

const SECRET = 'bench-secret';
const TOKEN = '7000000002:AAFakeTokenForBenchOnly_abcdefghijklm';

function runLoad(spec: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./load-generator.ts', import.meta.url).pathname, [JSON.stringify(spec)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult) : reject(new Error(`load exited ${code}`))));
  });
}


interface AgentReport {
  type: string;
  pushed: number;
  firstPush: number;
  lastPush: number;
  p50: number;
  p99: number;
}

/** Starts the measuring agent socket in its own process and waits until it is connected. */
async function startAgentSocket(url: string, token: string) {
  const child = fork(new URL('./agent-socket.ts', import.meta.url).pathname, [JSON.stringify({ url, token })], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<AgentReport>((resolve) => {
      const on = (m: AgentReport) => {
        if (m.type !== type) return;
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
    });
  await next('ready');
  return {
    ask(type: 'reset' | 'report') {
      const answer = next(type);
      child.send({ type });
      return answer;
    },
    stop() {
      child.send({ type: 'stop' });
    },
  };
}

export interface TelegramBenchResult {
  throughput: {
    huixin: { rps: number; storedPerSec: number; pushedPerSec: number; non2xx: number; cpuMsPerUpdate: number };
    baseline: { rps: number; non2xx: number; cpuMsPerRequest: number };
  };
  steady: {
    rate: number;
    huixin: { httpP50: number; httpP99: number; socketP50: number; socketP99: number; pushed: number; sent: number };
    baseline: { httpP50: number; httpP99: number };
  };
}

export async function runTelegramBench(opts: { amount?: number; steadySeconds?: number; connections?: number } = {}): Promise<TelegramBenchResult> {
  const amount = opts.amount ?? 4000;
  const steadySeconds = opts.steadySeconds ?? 10;
  const connections = opts.connections ?? 20;
  // The baseline's table lives in the same database; the route is added below once it exists.
  let baselineSql: postgres.Sql | null = null;
  const { server, db } = await startBenchServer(
    { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' },
    {
      extendApp: (app) => {
        app.post('/bench/baseline', async (c) => {
          const u = (await c.req.json()) as { update_id: number; message: { chat: { id: number }; message_id: number; text: string } };
          const sql = baselineSql!;
          await sql`insert into bench_baseline (chat_id, external_id, content, raw) values (${String(u.message.chat.id)}, ${String(u.message.message_id)}, ${u.message.text}, ${sql.json(u as never)})`;
          return c.json({ ok: true });
        });
      },
    },
  );
  const sql = postgres(db.url!, { max: 10, onnotice: () => {} });
  baselineSql = sql;
  await sql`create table if not exists bench_baseline (id uuid primary key default gen_random_uuid(), chat_id text not null, external_id text not null, content text not null, raw jsonb not null, created_at timestamptz not null default now())`;
  try {
    const login = await fetch(server.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_ADMIN),
    });
    const { token } = (await login.json()) as { token: string };
    const agent = await startAgentSocket(server.url, token);

    const webhook = { url: server.url + '/webhooks/telegram', secret: SECRET };
    const baseline = { url: server.url + '/bench/baseline' };

    // Warm-up: JIT, connection pools, the first conversations.
    await runLoad({ ...webhook, mode: 'max', amount: 300, connections, idBase: 1 });
    await runLoad({ ...baseline, mode: 'max', amount: 300, connections, idBase: 1 });

    // 1. Maximum rate.
    await agent.ask('reset');
    const countBefore = Number((await sql`select count(*)::int as n from messages`)[0]!.n);
    let cpu = process.cpuUsage();
    const maxHx = await runLoad({ ...webhook, mode: 'max', amount, connections, idBase: 1_000_000 });
    const cpuHx = process.cpuUsage(cpu);
    await new Promise((r) => setTimeout(r, 500));
    const stored = Number((await sql`select count(*)::int as n from messages`)[0]!.n) - countBefore;
    const pushedReport = await agent.ask('report');
    const pushedMax = pushedReport.pushed;
    const pushWindow = Math.max(1, pushedReport.lastPush - pushedReport.firstPush) / 1000;
    cpu = process.cpuUsage();
    const maxBase = await runLoad({ ...baseline, mode: 'max', amount, connections, idBase: 1_000_000 });
    const cpuBase = process.cpuUsage(cpu);
    // Server-process CPU per request: less sensitive to other load on the machine than rates.
    const cpuMs = (u: NodeJS.CpuUsage, n: number) => Math.round(((u.user + u.system) / 1000 / Math.max(1, n)) * 100) / 100;

    // 2. Steady 200 updates/s: latency webhook → agent socket.
    await agent.ask('reset');
    const steadyHx = await runLoad({ ...webhook, mode: 'rate', rate: 200, seconds: steadySeconds, connections: 10, idBase: 2_000_000 });
    await new Promise((r) => setTimeout(r, 500));
    const steadyPush = await agent.ask('report');
    const steadyBase = await runLoad({ ...baseline, mode: 'rate', rate: 200, seconds: steadySeconds, connections: 10, idBase: 2_000_000 });
    agent.stop();

    return {
      throughput: {
        huixin: {
          rps: Math.round(maxHx.requests / (maxHx.durationMs / 1000)),
          storedPerSec: Math.round(stored / (maxHx.durationMs / 1000)),
          pushedPerSec: Math.round(pushedMax / pushWindow),
          non2xx: maxHx.non2xx,
          cpuMsPerUpdate: cpuMs(cpuHx, maxHx.requests),
        },
        baseline: {
          rps: Math.round(maxBase.requests / (maxBase.durationMs / 1000)),
          non2xx: maxBase.non2xx,
          cpuMsPerRequest: cpuMs(cpuBase, maxBase.requests),
        },
      },
      steady: {
        rate: 200,
        huixin: {
          httpP50: steadyHx.latency.p50,
          httpP99: steadyHx.latency.p99,
          socketP50: steadyPush.p50,
          socketP99: steadyPush.p99,
          pushed: steadyPush.pushed,
          sent: steadyHx.requests,
        },
        baseline: { httpP50: steadyBase.latency.p50, httpP99: steadyBase.latency.p99 },
      },
    };
  } finally {
    await server.stop();
    await sql.end();
    await db.drop();
  }
}
