/**
 * Huixin as a child process (src/node.ts through tsx, configured by env like production), for
 * fault tests that kill it. Started detached so that SIGKILL reaches tsx and node alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ADMIN, eventually } from '../support/huixin.js';

const root = new URL('../../', import.meta.url).pathname;

export interface HuixinProcess {
  url: string;
  child: ChildProcess;
  log(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startHuixinProcess(env: Record<string, string>, port: number): Promise<HuixinProcess> {
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_SECRET: 'test-app-secret-0123456789abcdef',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      AUTO_ASSIGN: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`huixin exited with ${child.exitCode}`);
    return (await fetch(url + '/healthz')).status === 200;
  }, 60_000, 200).catch((err: unknown) => {
    throw new Error(`huixin did not come up: ${String(err)}\n${log}`);
  });
  return {
    url,
    child,
    log: () => log,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, signal);
      await exited;
    },
  };
}

/** Signs in as the admin and returns a caller for the REST API. */
export async function apiClient(url: string) {
  const login = await fetch(url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const { token } = (await login.json()) as { token: string };
  return async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    const res = await fetch(url + path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
}
