/** `npm start` as a user runs it: the real entry in a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 90_000) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const m = out.match(re);
      if (m) return m;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no ${re} in output:\n${out}`);
  };
  return { child, exited, waitFor, output: () => out };
}

async function stop(p: ReturnType<typeof run>) {
  p.child.kill('SIGTERM');
  return p.exited;
}

describe('start-up', () => {
  it('refuses to start on PostgreSQL without APP_SECRET, with a clear message', async () => {
    const p = run({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', PORT: '0' });
    expect(await p.exited).toBe(2);
    expect(p.output()).toMatch(/APP_SECRET: is required with DATABASE_URL/);
  });

  it('on the embedded database: prints a generated admin password once, keeps the secret, serves health', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'huixin-start-'));
    dirs.push(dataDir);
    const port = String(34000 + Math.floor(Math.random() * 1000));
    const first = run({ DATA_DIR: dataDir, PORT: port });
    const [, password] = await first.waitFor(/Password \(shown once\): (\S+)/);
    await first.waitFor(/huixin listening/);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@huixin.local', password }),
    });
    expect(login.status).toBe(200);
    // The password is never written to the structured log lines.
    expect(first.output().split('\n').filter((l) => l.startsWith('{') && l.includes(password!))).toHaveLength(0);
    expect(await stop(first)).toBe(0);

    const secretFile = join(dataDir, 'app-secret');
    expect(existsSync(secretFile)).toBe(true);
    expect(statSync(secretFile).mode & 0o077).toBe(0);
    const secret = readFileSync(secretFile, 'utf8');

    const second = run({ DATA_DIR: dataDir, PORT: port });
    await second.waitFor(/huixin listening/);
    expect(second.output()).not.toMatch(/Password \(shown once\)/);
    expect(readFileSync(secretFile, 'utf8')).toBe(secret);
    // Same secret, same database: the session from the first run still works.
    const token = ((await login.json()) as { token: string }).token;
    expect((await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await stop(second)).toBe(0);
  }, 240_000);
});
