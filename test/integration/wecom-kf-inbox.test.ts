/**
 * A WeCom customer-service inbox end to end on a real server and database: WeCom's callback
 * only announces news, the server pulls kf/sync_msg from the stored cursor until has_more is
 * 0, stores what owners wrote (once, however often it is pulled), and replies go out with
 * kf/send_msg. The cursor survives a restart of the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeWeCom, type FakeWeCom } from '../support/fake-wecom.js';
import { eventually, nextEvent, startTestServer, type TestServer } from '../support/huixin.js';
import { queryString, type BuiltRequest } from '../support/wechat-callbacks.js';
import { kfItem, newExternalUserId, wecomKfCallback, wecomUrlCheck } from '../support/wecom-callbacks.js';

interface ConversationItem {
  id: string;
  channel: string;
  inboxId?: string | null;
  contact: { id: string; name: string };
}
interface MessageItem {
  id: string;
  content: string;
  contentType: string;
  delivery: { status: string; error: string | null } | null;
}

const OPEN_KFID = 'wkHuixinSunshine01';
const SECRETS = { corpId: 'ww1436e0e65a779aee', token: 'kfToken2026', encodingAESKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', openKfId: OPEN_KFID };
let fake: FakeWeCom;
let db: TestDatabase;
let hx: TestServer;
let inboxId: string;
let syncToken = 0;

beforeAll(async () => {
  fake = await startFakeWeCom({ corpId: SECRETS.corpId, secret: 'kf-secret', openKfId: OPEN_KFID });
  db = await createTestDatabase();
  hx = await startTestServer({ db });
  const res = await hx.api<{ id: string }>('/api/inboxes', {
    method: 'POST',
    body: { channel: 'wecom_kf', name: '阳光花园微信客服', config: { ...SECRETS, secret: 'kf-secret', apiRoot: fake.apiRoot, welcomeText: '您好，这里是阳光花园物业' } },
  });
  expect(res.status).toBe(201);
  inboxId = res.body.id;
});

afterAll(async () => {
  await hx?.close();
  await db?.drop();
  await fake?.close();
});

async function call(req: BuiltRequest, path = `/webhooks/wecom_kf/${inboxId}`): Promise<{ status: number; body: string }> {
  const res = await fetch(`${hx.url}${path}?${queryString(req.query)}`, {
    method: req.method,
    headers: req.method === 'POST' ? { 'content-type': 'text/xml' } : {},
    body: req.method === 'POST' ? req.body : undefined,
  });
  return { status: res.status, body: await res.text() };
}

/** WeCom's notice that something is waiting: a fresh sync token each time, as WeCom sends. */
const notify = () => call(wecomKfCallback(SECRETS, `SYNC_${++syncToken}`));
const nameOf = (owner: string) => `WeChat ${owner.slice(-6)}`;

async function conversationsOf(owner: string): Promise<ConversationItem[]> {
  const res = await hx.api<{ data: ConversationItem[] }>('/api/conversations?status=all&limit=100');
  return res.body.data.filter((c) => c.contact.name === nameOf(owner));
}
async function messagesOf(conversationId: string): Promise<MessageItem[]> {
  return (await hx.api<{ data: MessageItem[] }>(`/api/conversations/${conversationId}/messages`)).body.data;
}
async function contentsOf(owner: string): Promise<string[]> {
  const [conv] = await conversationsOf(owner);
  return conv ? (await messagesOf(conv.id)).map((m) => m.content) : [];
}

describe('the console URL check', () => {
  it('answers the decrypted echostr, 401 when forged', async () => {
    const check = wecomUrlCheck(SECRETS);
    expect(await call(check)).toEqual({ status: 200, body: check.plaintext });
    expect((await call({ ...check, query: { ...check.query, nonce: '1' } })).status).toBe(401);
  });
});

describe('owners write on WeChat customer service', () => {
  it('a callback pulls the messages with its token, live to the agent, conversation of this inbox', async () => {
    const socket = await hx.socket();
    const owner = newExternalUserId();
    const created = nextEvent<{ conversation: ConversationItem }>(socket, 'conversation.created', (p) => p.conversation.contact.name === nameOf(owner));
    fake.pushMessages(kfItem('text', OPEN_KFID, owner, { text: '楼道灯坏了' }));
    expect(await notify()).toEqual({ status: 200, body: 'success' });
    const { conversation } = await created;
    expect(conversation).toMatchObject({ channel: 'wecom_kf', inboxId });
    const sync = await fake.waitFor('/cgi-bin/kf/sync_msg', (c) => c.body.token === `SYNC_${syncToken}`);
    expect(sync.body.open_kfid).toBe(OPEN_KFID);
    expect(await contentsOf(owner)).toEqual(['楼道灯坏了']);
  });

  it('pages until has_more is 0 and stores every message once, even when pulled again', async () => {
    const owner = newExternalUserId();
    const items = [1, 2, 3, 4, 5].map((n) => kfItem('text', OPEN_KFID, owner, { text: `第${n}条` }));
    fake.pageSize = 2;
    fake.pushMessages(...items);
    // The same message listed twice (a repeated sync after a crash) is still one message.
    fake.pushMessages(structuredClone(items[4]!));
    await notify();
    await eventually(async () => (await contentsOf(owner)).length === 5);
    await notify();
    await new Promise((r) => setTimeout(r, 1000));
    fake.pageSize = 1000;
    expect(await contentsOf(owner)).toEqual(['第1条', '第2条', '第3条', '第4条', '第5条']);
  });

  it('greets an owner entering the session once per welcome_code', async () => {
    const owner = newExternalUserId();
    fake.pushMessages(kfItem('event-enter-session', OPEN_KFID, owner, { welcomeCode: `W_${owner}` }));
    await notify();
    const welcome = await fake.waitFor('/cgi-bin/kf/send_msg_on_event', (c) => c.body.code === `W_${owner}`);
    expect(welcome.body).toMatchObject({ msgtype: 'text', text: { content: '您好，这里是阳光花园物业' } });
    await notify();
    await new Promise((r) => setTimeout(r, 1000));
    expect(fake.callsTo('/cgi-bin/kf/send_msg_on_event').filter((c) => c.body.code === `W_${owner}`)).toHaveLength(1);
  });
});

describe('refused callbacks pull nothing', () => {
  it('forged signature and another CorpId are 401, malformed XML 400', async () => {
    const before = fake.callsTo('/cgi-bin/kf/sync_msg').length;
    expect((await call(wecomKfCallback(SECRETS, 'X', { forge: true }))).status).toBe(401);
    expect((await call(wecomKfCallback(SECRETS, 'X', { corpId: 'ww0000000000000000' }))).status).toBe(401);
    const good = wecomKfCallback(SECRETS, 'X');
    expect((await call({ ...good, body: good.body.replace('</xml>', '<Open>') }))).toMatchObject({ status: 400 });
    await new Promise((r) => setTimeout(r, 800));
    expect(fake.callsTo('/cgi-bin/kf/sync_msg').length).toBe(before);
  });
});

describe('an agent replies', () => {
  async function ownerWrites(text: string): Promise<{ owner: string; conv: ConversationItem }> {
    const owner = newExternalUserId();
    fake.pushMessages(kfItem('text', OPEN_KFID, owner, { text }));
    await notify();
    const conv = await eventually(async () => (await conversationsOf(owner))[0]);
    return { owner, conv };
  }

  it('goes out once with kf/send_msg and shows sent', async () => {
    const { owner, conv } = await ownerWrites('有人吗');
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: '在的，请讲' } });
    expect(res.status).toBe(201);
    const sent = await fake.waitFor('/cgi-bin/kf/send_msg', (c) => c.body.touser === owner);
    expect(sent.body).toMatchObject({ touser: owner, open_kfid: OPEN_KFID, msgtype: 'text', text: { content: '在的，请讲' } });
    await eventually(async () => (await messagesOf(conv.id)).find((m) => m.id === res.body.id)?.delivery?.status === 'sent');
    await new Promise((r) => setTimeout(r, 1000));
    expect(fake.callsTo('/cgi-bin/kf/send_msg').filter((c) => c.body.touser === owner)).toHaveLength(1);
  });

  it("fails with a clear reason when WeCom's 48-hour send limit is used up", async () => {
    const { conv } = await ownerWrites('limit test');
    fake.failNext('/cgi-bin/kf/send_msg', 95001);
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: 'sixth reply' } });
    const failed = await eventually(async () => {
      const m = (await messagesOf(conv.id)).find((x) => x.id === res.body.id);
      return m?.delivery?.status === 'failed' ? m : null;
    });
    expect(failed.delivery?.error).toContain('5 messages within 48 hours');
  });
});

describe('after a restart', () => {
  it('resumes from the stored cursor: nothing pulled twice, new messages stored', async () => {
    const owner = newExternalUserId();
    fake.pushMessages(kfItem('text', OPEN_KFID, owner, { text: 'before restart' }));
    await notify();
    await eventually(async () => (await contentsOf(owner)).length === 1);
    const seen = fake.messageCount();

    await hx.close();
    hx = await startTestServer({ db });
    fake.pushMessages(kfItem('text', OPEN_KFID, owner, { text: 'after restart' }));
    await notify();
    await eventually(async () => (await contentsOf(owner)).length === 2);
    // The first pull after the restart starts where the last one stopped, not at the beginning.
    const firstAfter = fake.callsTo('/cgi-bin/kf/sync_msg').find((c) => c.body.token === `SYNC_${syncToken}`)!;
    expect(firstAfter.body.cursor).toBe(`cursor_${seen}`);
    expect(await contentsOf(owner)).toEqual(['before restart', 'after restart']);
  });
});
