/**
 * Roster import benchmark (issue 13): a generated roster of 20,000 units (4 estates × 25
 * buildings × 4 entrances × 50 units, one person each) through POST /api/estates/import on
 * the real server, on PGlite and on PostgreSQL. The dirty file has ~1% bad rows mixed in
 * (bad phones, unknown roles, missing estates, repeated people). Baseline in the same run:
 * decoding and parsing the same CSV alone (and with the row checks), no database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../../src/config/env.js';
import { parseCsv } from '../../src/domain/estates/csv.js';
import { decodeUpload } from '../../src/domain/estates/decode-text.js';
import { checkRoster } from '../../src/domain/estates/roster-rows.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { BENCH_ADMIN, startBenchServer } from './bench-server.js';

const HEAD = '小区 estate,楼栋 building,单元 entrance,房号 unit,面积 area,姓名 name,电话 phone,身份 role';
const ROLES = ['业主', '租户', '住户'];

/** The clean roster, and the same with a bad row after every 100th good one. */
export function generateRoster(units = 20_000): { clean: string; dirty: string; bad: number } {
  const good: string[] = [];
  let i = 0;
  for (let e = 1; i < units; e++)
    for (let b = 1; b <= 25 && i < units; b++)
      for (let n = 1; n <= 4 && i < units; n++)
        for (let f = 1; f <= 25 && i < units; f++)
          for (let r = 1; r <= 2 && i < units; r++, i++) {
            const phone = `139${String(10_000_000 + i).padStart(8, '0')}`;
            good.push(`测试${e}小区,${b}栋,${n}单元,${f}${String(r).padStart(2, '0')}室,${(60 + (i % 80)).toFixed(1)},业主${i},${phone},${ROLES[i % 3]}`);
          }
  const bads = [
    (k: number) => `测试1小区,1栋,1单元,9${k}室,,坏${k},12345,业主`,
    (k: number) => `测试1小区,1栋,1单元,9${k}室,,坏${k},13800000000,房东`,
    (k: number) => `,1栋,1单元,9${k}室,,坏${k},13800000000,业主`,
    () => good[0]!,
  ];
  const dirty: string[] = [];
  let bad = 0;
  good.forEach((row, k) => {
    dirty.push(row);
    if (k % 100 === 99) dirty.push(bads[bad++ % bads.length]!(k));
  });
  return { clean: [HEAD, ...good].join('\r\n') + '\r\n', dirty: [HEAD, ...dirty].join('\r\n') + '\r\n', bad };
}

interface Side {
  database: 'pglite' | 'postgres';
  dryRunDirtyMs: number;
  refusedRows: number;
  realDirtyMs: number;
  realDirtyStatus: number;
  cleanImportMs: number;
  createdUnits: number;
  createdPeople: number;
  reimportMs: number;
  reimportChanges: number;
  exportMs: number;
  exportRoundTripChanges: number;
}

async function pgliteServer(): Promise<{ server: RunningServer; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'huixin-bench-'));
  const env = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    APP_SECRET: 'bench-app-secret-0123456789abcdef',
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    LOG_LEVEL: 'error',
    AUTO_ASSIGN: 'false',
  });
  const server = await startServer(env, { print: () => {} });
  return { server, stop: async () => (await server.stop(), rmSync(dataDir, { recursive: true, force: true })) };
}

async function measure(database: Side['database'], files: { clean: string; dirty: string }): Promise<Side> {
  const saved = process.env.DATABASE_URL;
  let started: { server: RunningServer; stop(): Promise<void> };
  if (database === 'pglite') {
    delete process.env.DATABASE_URL;
    try {
      started = await pgliteServer();
    } finally {
      process.env.DATABASE_URL = saved;
    }
  } else {
    const { server, db } = await startBenchServer({});
    started = { server, stop: async () => (await server.stop(), await db.drop()) };
  }
  const { server } = started;
  try {
    const login = await fetch(server.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_ADMIN) });
    const { token } = (await login.json()) as { token: string };
    const post = async (body: string, dryRun: boolean) => {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/estates/import?dryRun=${dryRun}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body });
      const json = (await res.json()) as { refused?: number; changes?: Record<string, { create: number; update: number }>; report?: { refused: number } };
      return { ms: performance.now() - t0, status: res.status, json };
    };
    const changed = (c?: Record<string, { create: number; update: number }>) => Object.values(c ?? {}).reduce((s, x) => s + x.create + x.update, 0);
    const dry = await post(files.dirty, true);
    const realDirty = await post(files.dirty, false);
    const clean = await post(files.clean, false);
    if (clean.status !== 200) throw new Error(`clean import answered ${clean.status}`);
    const again = await post(files.clean, false);
    const t0 = performance.now();
    const exported = await (await fetch(`${server.url}/api/estates/export.csv`, { headers: { authorization: `Bearer ${token}` } })).text();
    const exportMs = performance.now() - t0;
    const back = await post(exported, false);
    return {
      database,
      dryRunDirtyMs: Math.round(dry.ms),
      refusedRows: dry.json.refused ?? -1,
      realDirtyMs: Math.round(realDirty.ms),
      realDirtyStatus: realDirty.status,
      cleanImportMs: Math.round(clean.ms),
      createdUnits: clean.json.changes?.units?.create ?? -1,
      createdPeople: clean.json.changes?.people?.create ?? -1,
      reimportMs: Math.round(again.ms),
      reimportChanges: changed(again.json.changes),
      exportMs: Math.round(exportMs),
      exportRoundTripChanges: back.status === 200 ? changed(back.json.changes) : -1,
    };
  } finally {
    await started.stop();
  }
}

export async function runEstatesImportBench(): Promise<Record<string, unknown>> {
  const files = generateRoster();
  const bytes = new TextEncoder().encode(files.dirty);
  const best = (f: () => void) => {
    let ms = Infinity;
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      f();
      ms = Math.min(ms, performance.now() - t0);
    }
    return Math.round(ms * 10) / 10;
  };
  const baseline = {
    bytes: bytes.byteLength,
    rows: files.dirty.split('\r\n').length - 2,
    badRowsMixedIn: files.bad,
    parseOnlyMs: best(() => parseCsv(decodeUpload(bytes)!.text)),
    parseAndCheckMs: best(() => checkRoster(parseCsv(decodeUpload(bytes)!.text))),
  };
  return { baseline, pglite: await measure('pglite', files), postgres: await measure('postgres', files) };
}
