// Runs after `npm ci` / `npm install` (package.json "postinstall"). Patches postgres.js 3.4.x
// where a database connection that dies between a small write being buffered and flushed
// crashes the whole process: `nextWrite` runs from a setImmediate after `closed()` has set
// `socket = null`, and `socket.write` throws an uncatchable TypeError (porsager/postgres#1066,
// #1154, #1208; the fixes #1168/#1176/#1209 are not released). Found by test/faults: a
// PostgreSQL outage mid-burst took Huixin down instead of answering 5xx until it came back.
//
// Patch 1: a write with no socket rejects the waiting queries with CONNECTION_CLOSED (so
// callers get a catchable error, not a hang), and both teardown paths forget the buffered
// chunk and the timer, so a reconnected connection starts clean. Idempotent; it refuses
// loudly when the driver's code no longer looks as expected (e.g. after an upgrade that
// fixed it), so nobody runs a half-patched driver without knowing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MARK = '/* huixin: nextWrite guard */';
const root = fileURLToPath(new URL('../node_modules/postgres/', import.meta.url));
const files = ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'].map((f) => root + f).filter((f) => existsSync(f));

const replacements = [
  [
    '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
    `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  ['    clearImmediate(nextWriteTimer)\n    if (socket) {', '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {'],
  ['    incomings = null\n    clearImmediate(nextWriteTimer)\n', '    incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n'],
];

// The array-type lookup a new connection runs first is started and never awaited: when the
// database goes away during it, its rejection is unhandled (test/faults saw it). The
// connection's own error path already fails the waiting queries, and the lookup runs again on
// the next connection (`connected()` resets needsTypes), so the rejection can be dropped.
const TYPES_MARK = '/* huixin: fetchArrayTypes guard */';
const typesReplacement = ['        return fetchArrayTypes()\n', `        return fetchArrayTypes().catch(() => {}) ${TYPES_MARK}\n`];

let status = 0;
for (const file of files) {
  let text = readFileSync(file, 'utf8');
  const wanted = [...(text.includes(MARK) ? [] : replacements), ...(text.includes(TYPES_MARK) ? [] : [typesReplacement])];
  if (wanted.length === 0) continue;
  for (const [from, to] of wanted) {
    if (!text.includes(from)) {
      console.error(`patch-postgres-driver: ${file} does not contain the expected code; check whether the driver fixed nextWrite and drop this patch`);
      status = 1;
      break;
    }
    text = text.replace(from, to);
  }
  if (status === 0) writeFileSync(file, text);
}
if (files.length === 0) console.error('patch-postgres-driver: postgres is not installed');
process.exit(status);
