/**
 * npm run bench: every benchmark, on PostgreSQL on loopback, each beside a baseline measured
 * in the same run. Prints JSON; with --write, replaces the figures in BENCHMARKS.md.
 */
import os from 'node:os';
import { runTelegramBench } from './telegram-webhook.js';

process.env.DATABASE_URL ??= 'postgres://postgres:postgres@127.0.0.1:5432/test';

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const results: Record<string, unknown> = { machine, date: new Date().toISOString() };

results.telegramWebhook = await runTelegramBench();
console.log(JSON.stringify(results, null, 2));
process.exit(0);
