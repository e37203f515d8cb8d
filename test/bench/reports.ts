/**
 * Reports benchmark (issue 14, first slice), on PostgreSQL: the summary API over HTTP for a
 * month of a seeded center, computed from the raw tables (no roll-ups yet), beside baselines
 * from the same run: a plain COUNT of the month's conversations, and GET /api/me (one HTTP round
 * trip with authentication and nothing else).
 */
import postgres from 'postgres';
import { BENCH_ADMIN, startBenchServer } from './bench-server.js';
import { seedReports } from './reports-seed.js';

export interface Stats {
  p50: number;
  p95: number;
  samples: number;
}

export interface ReportsBenchOptions {
  conversations?: number;
  days?: number;
  samples?: number;
}

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round((s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN) * 100) / 100;
  return { p50: at(0.5), p95: at(0.95), samples: s.length };
}

async function measure(samples: number, fn: () => Promise<unknown>): Promise<Stats> {
  await fn(); // warm-up: plans, caches
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return stats(out);
}

export async function runReportsBench(opts: ReportsBenchOptions = {}) {
  const conversations = opts.conversations ?? 20_000;
  const days = opts.days ?? 60;
  const samples = opts.samples ?? 30;
  const { server, db } = await startBenchServer({ TICKET_SWEEP_CRON: 'off' });
  const sql = postgres(db.url!, { max: 4, onnotice: () => {} });
  try {
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_ADMIN) });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const agentIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `agent${i}@bench.example.com`, name: `客服${i}`, password: 'a-long-agent-password', role: 'agent' }),
      });
      agentIds.push(((await res.json()) as { id: string }).id);
    }
    const [inbox] = await sql<{ id: string }[]>`insert into inboxes (channel, name, account_key) values ('telegram', 'Bench', 'bench-reports') returning id`;
    const end = new Date('2026-12-01T00:00:00+08:00');
    const t0 = performance.now();
    await seedReports(sql, inbox!.id, { conversations, days, end, agentIds });
    await sql`analyze`;
    const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
    const count = async (table: string) => (await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`))[0]!.n;
    const seeded = { conversations: await count('conversations'), messages: await count('messages'), events: await count('events'), tickets: await count('tickets'), seedSeconds };

    const month = { from: '2026-11-01', to: '2026-11-30' };
    const get = async (path: string) => {
      const res = await fetch(server.url + path, { headers: auth });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      return res.text();
    };
    const summaryPath = (groupBy: string, hours: string) => `/api/reports/summary?from=${month.from}&to=${month.to}&groupBy=${groupBy}&hours=${hours}`;
    const firstDay = JSON.parse(await get(summaryPath('day', 'wall'))) as { data: { conversations: number }[] };
    const inMonth = firstDay.data.reduce((s, r) => s + r.conversations, 0);

    const summary: Record<string, Stats> = {};
    for (const groupBy of ['day', 'agent', 'channel', 'department']) {
      for (const hours of ['wall', 'business']) summary[`${groupBy}/${hours}`] = await measure(samples, () => get(summaryPath(groupBy, hours)));
    }
    const csv = await measure(Math.max(5, Math.floor(samples / 3)), () => get(`/api/reports/conversations.csv?from=${month.from}&to=${month.to}`));
    const from = new Date('2026-11-01T00:00:00+08:00');
    const countBaseline = await measure(samples, () => sql`select count(*) from conversations where created_at >= ${from} and created_at < ${end}`);
    const httpBaseline = await measure(samples, () => get('/api/me'));
    const all = Object.values(summary);
    return {
      seed: seeded,
      range: { ...month, conversations: inMonth },
      summary,
      summaryWorst: { p50: Math.max(...all.map((s) => s.p50)), p95: Math.max(...all.map((s) => s.p95)) },
      csv,
      baseline: { countSql: countBaseline, httpMe: httpBaseline },
    };
  } finally {
    await sql.end();
    await server.stop();
    await db.drop();
  }
}
