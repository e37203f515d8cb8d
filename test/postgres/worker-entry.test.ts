/**
 * The Cloudflare Workers entry, run by wrangler's local runtime (workerd) against the same
 * PostgreSQL as a Node instance: webhook intake and the REST API work there, and the Node
 * instance's delivery sweep sends what the worker stored. PostgreSQL only: Workers reach the
 * database over Hyperdrive, never an embedded one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { ADMIN, eventually, startTestServer, TEST_BOT_TOKEN, WEBHOOK_SECRET, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';

const root = new URL('../../', import.meta.url).pathname;

{
  if (!process.env.DATABASE_URL) throw new Error('test/postgres needs DATABASE_URL (npm test sets it)');
  describe('the Workers entry (wrangler dev, workerd)', () => {
    let tg: FakeTelegram;
    let hx: TestServer;
    let wrangler: ChildProcess;
    let workerUrl: string;
    let log = '';

    beforeAll(async () => {
      tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
      hx = await startTestServer({ telegramApiRoot: tg.apiRoot });
      const port = 38000 + Math.floor(Math.random() * 1000);
      workerUrl = `http://127.0.0.1:${port}`;
      wrangler = spawn(
        'npx',
        [
          'wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--log-level', 'warn',
          '--var', 'APP_SECRET:test-app-secret-0123456789abcdef',
          '--var', `TELEGRAM_BOT_TOKEN:${TEST_BOT_TOKEN}`,
          '--var', `TELEGRAM_WEBHOOK_SECRET:${WEBHOOK_SECRET}`,
        ],
        {
          cwd: root,
          env: {
            ...process.env,
            CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: hx.db.url,
            WRANGLER_SEND_METRICS: 'false',
            CI: 'true',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        },
      );
      wrangler.stdout!.on('data', (d: Buffer) => (log += d.toString()));
      wrangler.stderr!.on('data', (d: Buffer) => (log += d.toString()));
      await eventually(async () => (await fetch(workerUrl + '/healthz')).status === 200, 60_000, 500).catch((err: unknown) => {
        throw new Error(`wrangler dev did not come up: ${String(err)}\n${log}`);
      });
    }, 90_000);

    afterAll(async () => {
      if (wrangler?.pid) process.kill(-wrangler.pid, 'SIGKILL');
      await hx?.close();
      await tg?.close();
    });

    it('stores a webhook update and serves it through the REST API', async () => {
      const owner = newOwner('Worker', 'Owner');
      const update = textUpdate(owner, '来自 Workers 的消息');
      const post = (secret: string) =>
        fetch(workerUrl + '/webhooks/telegram', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
          body: JSON.stringify(update),
        });
      expect((await post('wrong')).status).toBe(401);
      expect((await post(WEBHOOK_SECRET)).status).toBe(200);
      expect((await post(WEBHOOK_SECRET)).status).toBe(200);

      const login = await fetch(workerUrl + '/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      expect(login.status).toBe(200);
      const { token } = (await login.json()) as { token: string };
      const list = await fetch(workerUrl + '/api/conversations', { headers: { authorization: `Bearer ${token}` } });
      const body = (await list.json()) as { data: { id: string; contact: { name: string }; lastMessage: { content: string } }[] };
      const conv = body.data.find((c) => c.contact.name === 'Worker Owner');
      expect(conv?.lastMessage.content).toBe('来自 Workers 的消息');
      // The Node instance sees the same conversation, stored once.
      const msgs = await hx.api<{ data: unknown[] }>(`/api/conversations/${conv!.id}/messages`);
      expect(msgs.body.data).toHaveLength(1);
    });

    it('serves /webhooks/<kind>/<inboxId> from the same registry, for an inbox added on Node', async () => {
      const token = '7000000301:AAWorkerSecondBotTokenForTests_abc';
      const second = await startFakeTelegram({ token });
      try {
        const created = await hx.api<{ id: string }>('/api/inboxes', {
          method: 'POST',
          body: { channel: 'telegram', name: 'Worker estate', config: { botToken: token, webhookSecret: 'worker_estate_secret', apiRoot: second.apiRoot } },
        });
        expect(created.status).toBe(201);
        const owner = newOwner('Workers', 'Second');
        const post = (path: string, secret: string) =>
          fetch(workerUrl + path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
            body: JSON.stringify(textUpdate(owner, '第二个机器人')),
          });
        expect((await post(`/webhooks/telegram/${created.body.id}`, 'wrong')).status).toBe(401);
        expect((await post(`/webhooks/wecom_kf/${created.body.id}`, 'worker_estate_secret')).status).toBe(404);
        expect((await post(`/webhooks/telegram/${created.body.id}`, 'worker_estate_secret')).status).toBe(200);
        const list = await hx.api<{ data: { inboxId: string; contact: { name: string } }[] }>('/api/conversations?status=all');
        expect(list.body.data.find((c) => c.contact.name === 'Workers Second')?.inboxId).toBe(created.body.id);
      } finally {
        await second.close();
      }
    });
  });
}
