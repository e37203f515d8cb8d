/**
 * Starts a real Huixin server (the same startServer that node.ts runs) for a test, on its
 * own database, with the fake Telegram Bot API as its Telegram.
 */
import { io, type Socket } from 'socket.io-client';
import { loadEnv } from '../../src/config/env.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server.js';
import type { Clock } from '../../src/services/ports.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };
export const TEST_BOT_TOKEN = '7000000001:AAFakeTokenForTestsOnly_abcdefghijkl';
export const WEBHOOK_SECRET = 'test-webhook-secret_123';

export interface TestServer extends RunningServer {
  db: TestDatabase;
  token: string;
  api<T = unknown>(path: string, init?: { method?: string; body?: unknown; token?: string | null }): Promise<{ status: number; body: T }>;
  webhook(update: unknown, opts?: { secret?: string | null; raw?: string }): Promise<{ status: number; body: unknown }>;
  socket(token?: string): Promise<Socket>;
  close(): Promise<void>;
}

export async function startTestServer(
  opts: { telegramApiRoot?: string; env?: Record<string, string>; clock?: Clock; db?: TestDatabase; databaseUrl?: string; email?: ServerOptions['email'] } = {},
): Promise<TestServer> {
  const db = opts.db ?? (await createTestDatabase());
  const env = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: db.dataDir,
    ...(opts.databaseUrl ?? db.url ? { DATABASE_URL: opts.databaseUrl ?? db.url } : {}),
    APP_SECRET: 'test-app-secret-0123456789abcdef',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    // Tests that open a socket as the admin would otherwise be handed every new conversation;
    // the workspace tests turn round-robin on where they test it.
    AUTO_ASSIGN: 'false',
    ...(opts.telegramApiRoot
      ? { TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET, TELEGRAM_API_ROOT: opts.telegramApiRoot }
      : {}),
    ...opts.env,
  });
  const running = await startServer(env, { clock: opts.clock, print: () => {}, email: opts.email });
  const sockets: Socket[] = [];

  const api: TestServer['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = {};
    const token = init.token === undefined ? server.token : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(running.url + path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    // A file (a CSV export) comes back as its text; everything else is JSON.
    const isJson = (res.headers.get('content-type') ?? 'application/json').includes('json');
    return { status: res.status, body: (text ? (isJson ? JSON.parse(text) : text) : null) as never };
  };

  const server: TestServer = {
    ...running,
    db,
    token: '',
    api,
    async webhook(update, o = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const secret = o.secret === undefined ? WEBHOOK_SECRET : o.secret;
      if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret;
      const res = await fetch(running.url + '/webhooks/telegram', { method: 'POST', headers, body: o.raw ?? JSON.stringify(update) });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      return { status: res.status, body };
    },
    async socket(token) {
      const s = io(running.url, { auth: { token: token ?? server.token }, transports: ['websocket'], reconnection: false });
      sockets.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('connect', () => resolve());
        s.once('connect_error', (err) => reject(err));
      });
      return s;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      await running.stop();
      if (!opts.db) await db.drop();
    },
  };
  const login = await api<{ token: string }>('/api/auth/login', { method: 'POST', body: ADMIN, token: null });
  if (login.status !== 200) throw new Error(`test login failed: ${login.status}`);
  server.token = login.body.token;
  return server;
}

/** Resolves with the first event of that name whose payload matches. */
export function nextEvent<T = Record<string, unknown>>(socket: Socket, name: string, match: (p: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, handler);
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(name, handler);
      resolve(payload);
    };
    socket.on(name, handler);
  });
}

/** Polls until the check passes (for effects that happen in a background job). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
