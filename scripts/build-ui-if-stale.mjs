#!/usr/bin/env node
// Builds the inbox UI (inbox-ui/dist) when it is missing or older than its sources.
// Runs as `prestart`, so `npm start` always serves a UI built from the code it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const ui = join(repo, 'inbox-ui');
const builtIndex = join(ui, 'dist', 'index.html');
const sources = [join(ui, 'src'), join(ui, 'index.html'), join(ui, 'vite.config.ts')];

/** The newest modification time of a file, or of any file below a folder. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function staleReason() {
  if (!existsSync(builtIndex)) return 'inbox-ui/dist/index.html is missing';
  const built = statSync(builtIndex).mtimeMs;
  const newest = Math.max(...sources.map(newestMtime));
  return newest > built ? 'inbox-ui sources changed since the last build' : null;
}

const reason = staleReason();
if (!reason) {
  console.log('inbox-ui: build is up to date');
  process.exit(0);
}

const viteBin = join(repo, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(viteBin)) {
  console.error(`inbox-ui: ${reason}, but vite is not installed (${viteBin}); run npm ci first`);
  process.exit(1);
}

console.log(`inbox-ui: ${reason}; building…`);
const result = spawnSync(process.execPath, [viteBin, 'build', '--config', 'inbox-ui/vite.config.ts'], {
  cwd: repo,
  stdio: 'inherit',
});
if (result.error) {
  console.error(`inbox-ui: could not run vite: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  console.error(`inbox-ui: vite build failed (${result.signal ?? `exit code ${result.status}`})`);
  process.exit(result.status || 1);
}
