/**
 * Two Huixin instances on one PostgreSQL database receive WeCom's callbacks for the same
 * customer-service account at the same time: only one pulls kf/sync_msg at a time (the
 * account's lock), the cursor is shared, and every message is stored exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeWeCom, type FakeWeCom } from '../support/fake-wecom.js';
import { eventually, startTestServer, type TestServer } from '../support/huixin.js';
import { queryString } from '../support/wechat-callbacks.js';
import { kfItem, newExternalUserId, wecomKfCallback } from '../support/wecom-callbacks.js';

const OPEN_KFID = 'wkHuixinTwoNodes01';
const SECRETS = { corpId: 'ww1436e0e65a779aee', token: 'kfToken2026', encodingAESKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', openKfId: OPEN_KFID };
let fake: FakeWeCom;
let db: TestDatabase;
let a: TestServer;
let b: TestServer;
let inboxId: string;

beforeAll(async () => {
  if (!process.env.DATABASE_URL) throw new Error('test/postgres needs DATABASE_URL');
  fake = await startFakeWeCom({ corpId: SECRETS.corpId, secret: 'kf-secret', openKfId: OPEN_KFID });
  db = await createTestDatabase();
  a = await startTestServer({ db });
  b = await startTestServer({ db });
  const res = await a.api<{ id: string }>('/api/inboxes', { method: 'POST', body: { channel: 'wecom_kf', name: '双实例', config: { ...SECRETS, secret: 'kf-secret', apiRoot: fake.apiRoot } } });
  expect(res.status).toBe(201);
  inboxId = res.body.id;
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await db?.drop();
  await fake?.close();
});

async function notify(server: TestServer, n: number): Promise<number> {
  const req = wecomKfCallback(SECRETS, `SYNC_${n}`);
  const res = await fetch(`${server.url}/webhooks/wecom_kf/${inboxId}?${queryString(req.query)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: req.body });
  return res.status;
}

describe('one puller per account across instances', () => {
  it('never runs two sync_msg at once and stores each message once', async () => {
    const owner = newExternalUserId();
    fake.pageSize = 3;
    fake.delay('/cgi-bin/kf/sync_msg', 150);
    fake.pushMessages(...Array.from({ length: 12 }, (_, i) => kfItem('text', OPEN_KFID, owner, { text: `并发${i}` })));
    const statuses = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => notify(n % 2 === 0 ? a : b, n)));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);

    const contents = await eventually(async () => {
      const list = await a.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
      const conv = list.body.data.find((c) => c.contact.name === `WeChat ${owner.slice(-6)}`);
      if (!conv) return null;
      const msgs = (await a.api<{ data: { content: string }[] }>(`/api/conversations/${conv.id}/messages?limit=100`)).body.data.map((m) => m.content);
      return msgs.length >= 12 ? msgs : null;
    }, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(contents).toEqual(Array.from({ length: 12 }, (_, i) => `并发${i}`));
    expect(fake.maxInFlight('/cgi-bin/kf/sync_msg')).toBe(1);
  });
});
