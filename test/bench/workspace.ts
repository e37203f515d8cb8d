/**
 * Workspace benchmark (issue 6), on PostgreSQL: 100,000 conversations with 1,000,000 messages
 * seeded in the database (generate_series). Reports, each beside a baseline from the same run:
 * - conversation list, first page (the API's service call) vs a primary-key lookup;
 * - search (the API's service call) with the pg_trgm / bigram indexes vs the same queries
 *   before those indexes exist;
 * - inbox-ui time to interactive for a 5,000-message thread (chromium) vs a 10-message thread.
 */
import postgres from 'postgres';
import type { Principal } from '../../src/domain/permissions.js';
import type { RunningServer } from '../../src/server.js';
import { listConversations } from '../../src/services/conversations.js';
import { searchMessages } from '../../src/services/workspace/search.js';
import { launchBrowser } from '../support/browser.js';
import { BENCH_ADMIN, startBenchServer } from './bench-server.js';
import { seedLongThread, seedWorkspace } from './workspace-seed.js';

export interface Stats {
  p50: number;
  p95: number;
  samples: number;
}

export interface WorkspaceBenchResult {
  seed: { conversations: number; messages: number; seedSeconds: number; indexSeconds: number };
  list: { huixin: Stats; baseline: Stats; byView: Record<string, Stats> };
  search: { huixin: Stats; baseline: Stats; byQuery: Record<string, { indexed: Stats; unindexed: Stats; hits: number }> };
  threadOpen: { huixin: Stats & { messages: number; rendered: number }; baseline: Stats & { messages: number } };
}

export interface WorkspaceBenchOptions {
  conversations?: number;
  messagesPerConversation?: number;
  samples?: number;
  threadSize?: number;
}

const ADMIN = BENCH_ADMIN;
const QUERIES = ['漏水', '电梯', '楼道灯不亮', '物业费发票', '12栋1203室', 'elevator', '宠物扰民'];
const SEARCH_INDEXES = {
  messages_content_trgm_idx: 'create index messages_content_trgm_idx on messages using gin (content gin_trgm_ops)',
  messages_content_bigram_idx: 'create index messages_content_bigram_idx on messages using gin (huixin_bigrams(content))',
};

function stats(ms: number[]): Stats {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN) * 100) / 100;
  return { p50: at(0.5), p95: at(0.95), samples: s.length };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function measure(samples: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  await fn(0); // warm-up: plans, caches
  const out: number[] = [];
  for (let i = 0; i < samples; i++) out.push(await time(() => fn(i)));
  return out;
}

async function measureThreadOpen(server: RunningServer, conversationId: string, lastMessageId: string, samples: number) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('current-user').waitFor();
    const times: number[] = [];
    let rendered = 0;
    for (let i = 0; i <= samples; i++) {
      await page.goto('about:blank');
      // A cold load of the thread's address (the session is in localStorage): from navigation
      // to the newest message on screen and the main thread free for input.
      const t0 = Date.now();
      await page.goto(`${server.url}/#/c/${conversationId}`);
      await page.locator(`[data-message-id="${lastMessageId}"]`).waitFor({ timeout: 60_000 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      if (i > 0) times.push(Date.now() - t0);
      rendered = await page.getByTestId('message').count();
    }
    return { times, rendered };
  } finally {
    await browser.close();
  }
}

export async function runWorkspaceBench(opts: WorkspaceBenchOptions = {}): Promise<WorkspaceBenchResult> {
  const conversations = opts.conversations ?? 100_000;
  const per = opts.messagesPerConversation ?? 10;
  const samples = opts.samples ?? 50;
  const threadSize = opts.threadSize ?? 5000;
  const { server, db } = await startBenchServer({});
  const sql = postgres(db.url!, { max: 4, onnotice: () => {} });
  try {
    const [admin] = await sql<{ id: string; permissions: string[] }[]>`select u.id, r.permissions from users u join roles r on r.id = u.role_id limit 1`;
    const [inbox] = await sql<{ id: string }[]>`insert into inboxes (channel, name, account_key) values ('telegram', 'Bench', 'bench') returning id`;
    const principal: Principal = { id: admin!.id, permissions: admin!.permissions };

    // Seed without the search indexes (as a bulk load would), then measure search before them.
    for (const name of Object.keys(SEARCH_INDEXES)) await sql.unsafe(`drop index if exists ${name}`);
    const seedStart = performance.now();
    await seedWorkspace(sql, inbox!.id, admin!.id, { conversations, messagesPerConversation: per });
    const longId = await seedLongThread(sql, inbox!.id, admin!.id, 'long', threadSize);
    const shortId = await seedLongThread(sql, inbox!.id, admin!.id, 'short', 10);
    await sql`analyze`;
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const [{ n: messageCount } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from messages`;

    const searchSamples = Math.max(3, Math.floor(samples / 10));
    const unindexed: Record<string, number[]> = {};
    for (const q of QUERIES) unindexed[q] = await measure(searchSamples, () => searchMessages(server.deps.db, principal, q, 20));

    const indexStart = performance.now();
    await sql.unsafe('set maintenance_work_mem = \'256MB\'');
    for (const ddl of Object.values(SEARCH_INDEXES)) await sql.unsafe(ddl);
    await sql`analyze messages`;
    const indexSeconds = (performance.now() - indexStart) / 1000;

    const indexed: Record<string, number[]> = {};
    const hits: Record<string, number> = {};
    for (const q of QUERIES) {
      indexed[q] = await measure(samples, () => searchMessages(server.deps.db, principal, q, 20));
      hits[q] = (await searchMessages(server.deps.db, principal, q, 20)).length;
    }

    const views: Record<string, Parameters<typeof listConversations>[2]> = {
      allOpen: { status: 'open', assignee: 'all', limit: 50, snoozed: false },
      mine: { status: 'open', assignee: 'me', limit: 50, snoozed: false },
      unassigned: { status: 'open', assignee: 'unassigned', limit: 50, snoozed: false },
      urgent: { status: 'all', assignee: 'all', limit: 50, priority: 'urgent' },
    };
    const byView: Record<string, Stats> = {};
    const allList: number[] = [];
    for (const [name, filter] of Object.entries(views)) {
      const ms = await measure(samples, () => listConversations(server.deps.db, principal, filter));
      byView[name] = stats(ms);
      allList.push(...ms);
    }
    const ids = (await sql<{ id: string }[]>`select id from conversations order by random() limit ${samples + 1}`).map((r) => r.id);
    const pk = await measure(samples, (i) => sql`select * from conversations where id = ${ids[i % ids.length]!}`);

    const lastOf = async (id: string) => (await sql<{ id: string }[]>`select id from messages where conversation_id = ${id} order by created_at desc, id desc limit 1`)[0]!.id;
    const threadSamples = Math.max(3, Math.floor(samples / 10));
    const long = await measureThreadOpen(server, longId, await lastOf(longId), threadSamples);
    const short = await measureThreadOpen(server, shortId, await lastOf(shortId), threadSamples);

    return {
      seed: { conversations, messages: messageCount, seedSeconds: Math.round(seedSeconds), indexSeconds: Math.round(indexSeconds) },
      list: { huixin: stats(allList), baseline: stats(pk), byView },
      search: {
        huixin: stats(Object.values(indexed).flat()),
        baseline: stats(Object.values(unindexed).flat()),
        byQuery: Object.fromEntries(QUERIES.map((q) => [q, { indexed: stats(indexed[q]!), unindexed: stats(unindexed[q]!), hits: hits[q]! }])),
      },
      threadOpen: {
        huixin: { ...stats(long.times), messages: threadSize, rendered: long.rendered },
        baseline: { ...stats(short.times), messages: 10 },
      },
    };
  } finally {
    await sql.end();
    await server.stop();
    await db.drop();
  }
}

// Run on its own: `npx tsx test/bench/workspace.ts` (or `npm run bench -- workspace`).
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  process.env.DATABASE_URL ??= 'postgres://postgres:postgres@127.0.0.1:5432/test';
  const small = process.argv.includes('--small');
  const result = await runWorkspaceBench(small ? { conversations: 2000, samples: 10, threadSize: 5000 } : {});
  console.log(JSON.stringify({ workspace: result }, null, 2));
  process.exit(0);
}
