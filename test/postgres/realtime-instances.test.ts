/**
 * Two Node instances on one PostgreSQL: an agent connected to one instance sees, live, what
 * arrived through the other (socket.io's PostgreSQL adapter).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { nextEvent, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';

if (!process.env.DATABASE_URL) throw new Error('test/postgres needs DATABASE_URL (npm test sets it)');

let tg: FakeTelegram;
let db: TestDatabase;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  const env = { REALTIME_ADAPTER: 'postgres' };
  a = await startTestServer({ telegramApiRoot: tg.apiRoot, db, env });
  b = await startTestServer({ telegramApiRoot: tg.apiRoot, db, env });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await db?.drop();
  await tg?.close();
});

it('pushes an update received by instance A to an agent connected to instance B, once', async () => {
  const socket = await b.socket();
  let created = 0;
  socket.on('message.created', () => created++);
  const event = nextEvent<{ message: { content: string } }>(socket, 'message.created', (p) => p.message.content === '经由另一台服务器');
  expect((await a.webhook(textUpdate(newOwner('Cross', 'Instance'), '经由另一台服务器'))).status).toBe(200);
  expect((await event).message.content).toBe('经由另一台服务器');
  await new Promise((r) => setTimeout(r, 500));
  expect(created).toBe(1);
});
