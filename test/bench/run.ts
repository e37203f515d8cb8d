/**
 * npm run bench: every benchmark, on PostgreSQL on loopback, each beside a baseline measured
 * in the same run. Prints JSON and writes it to test-artifacts/bench.json.
 *   npm run bench                 both benchmarks (the workspace one seeds 1M messages: ~5 min)
 *   npm run bench -- telegram     only the webhook benchmark
 *   npm run bench -- wechat       the WeChat safe-mode webhook beside the Telegram one
 *   npm run bench -- workspace    only the workspace benchmark (add --small for a quick run)
 *   npm run bench -- email-trim   only reply trimming (no database; a few seconds)
 *   npm run bench -- delivery     only the delivery benchmark (parallel vs one at a time)
 *   npm run bench -- answers      only instant-answer precision/recall per threshold (no database; a second)
 *   npm run bench -- estates      only the roster import of 20,000 units, on PGlite and PostgreSQL (about a minute)
 *   npm run bench -- reports      only the reports summary API over 20,000 seeded conversations (add --small for 2,000)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { runAnswerMatchBench } from './answer-match.js';
import { runDeliveryBench } from './delivery.js';
import { runEmailTrimBench } from './email-trim.js';
import { runEstatesImportBench } from './estates-import.js';
import { runReportsBench } from './reports.js';
import { runTelegramBench } from './telegram-webhook.js';
import { runWeChatBench } from './wechat-webhook.js';
import { runWorkspaceBench } from './workspace.js';

process.env.DATABASE_URL ??= 'postgres://postgres:postgres@127.0.0.1:5432/test';

const args = process.argv.slice(2);
const only = args.find((a) => !a.startsWith('--'));
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const results: Record<string, unknown> = { machine, date: new Date().toISOString() };

if (!only || only === 'telegram') results.telegramWebhook = await runTelegramBench();
if (!only || only === 'delivery') results.delivery = await runDeliveryBench();
if (!only || only === 'wechat') results.wechatWebhook = await runWeChatBench();
if (!only || only === 'workspace') {
  results.workspace = await runWorkspaceBench(args.includes('--small') ? { conversations: 2000, samples: 10 } : {});
}

if (!only || only === 'reports') results.reports = await runReportsBench(args.includes('--small') ? { conversations: 2000, samples: 10 } : {});

if (!only || only === 'email-trim') results.emailTrim = await runEmailTrimBench();
if (!only || only === 'answers') results.instantAnswers = runAnswerMatchBench();
if (!only || only === 'estates') results.estatesImport = await runEstatesImportBench();

const out = JSON.stringify(results, null, 2);
console.log(out);
const dir = new URL('../../test-artifacts/', import.meta.url).pathname;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}bench.json`, out + '\n');
process.exit(0);
