/**
 * A WeChat Official Account inbox end to end on a real server and database: created through
 * POST /api/inboxes, owners' messages in through /webhooks/wechat/<inboxId> (safe and plain
 * mode), live to an agent's socket, the reply out through the fake Official Account API, and
 * the refusals that must leave nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWeChat, type FakeWeChat } from '../support/fake-wechat.js';
import { eventually, nextEvent, startTestServer, type TestServer } from '../support/huixin.js';
import { newOpenId, queryString, wechatMessage, wechatPost, wechatUrlCheck, type BuiltRequest } from '../support/wechat-callbacks.js';

interface ConversationItem {
  id: string;
  status: string;
  channel: string;
  inboxId?: string | null;
  contact: { id: string; name: string };
}
interface MessageItem {
  id: string;
  direction: 'in' | 'out';
  content: string;
  contentType: string;
  attachments: { kind: string; fileId?: string }[];
  delivery: { status: string; error: string | null } | null;
}

const SECRETS = { appId: 'wx1234567890abcdef', token: 'huixinToken2026', encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
let fake: FakeWeChat;
let hx: TestServer;
let inboxId: string;

beforeAll(async () => {
  fake = await startFakeWeChat({ appId: SECRETS.appId, appSecret: 'wechat-app-secret' });
  hx = await startTestServer();
  const res = await hx.api<{ id: string }>('/api/inboxes', {
    method: 'POST',
    body: { channel: 'wechat', name: '阳光花园服务号', config: { ...SECRETS, appSecret: 'wechat-app-secret', apiRoot: fake.apiRoot, templates: [{ id: 'TPL_REPAIR', name: '报修进度', variables: ['first', 'time'] }] } },
  });
  expect(res.status).toBe(201);
  inboxId = res.body.id;
});

afterAll(async () => {
  await hx?.close();
  await fake?.close();
});

async function call(req: BuiltRequest, path = `/webhooks/wechat/${inboxId}`): Promise<{ status: number; body: string }> {
  const res = await fetch(`${hx.url}${path}?${queryString(req.query)}`, {
    method: req.method,
    headers: req.method === 'POST' ? { 'content-type': 'text/xml' } : {},
    body: req.method === 'POST' ? req.body : undefined,
  });
  return { status: res.status, body: await res.text() };
}

const nameOf = (openId: string) => `WeChat ${openId.slice(-6)}`;

async function conversationsOf(openId: string): Promise<ConversationItem[]> {
  const res = await hx.api<{ data: ConversationItem[] }>('/api/conversations?status=all&limit=100');
  return res.body.data.filter((c) => c.contact.name === nameOf(openId));
}

async function messagesOf(conversationId: string): Promise<MessageItem[]> {
  return (await hx.api<{ data: MessageItem[] }>(`/api/conversations/${conversationId}/messages`)).body.data;
}

async function ownerWrites(text: string, mode: 'safe' | 'plain' = 'safe'): Promise<{ openId: string; conv: ConversationItem }> {
  const openId = newOpenId();
  expect((await call(wechatPost(SECRETS, wechatMessage('text', openId, { text }), { mode }))).status).toBe(200);
  const [conv] = await conversationsOf(openId);
  return { openId, conv: conv! };
}

describe('the console URL check', () => {
  it('answers echostr to a signed GET and 401 to a forged one', async () => {
    const check = wechatUrlCheck(SECRETS, 'echo-2026');
    expect(await call(check)).toEqual({ status: 200, body: 'echo-2026' });
    expect((await call({ ...check, query: { ...check.query, signature: '0'.repeat(40) } })).status).toBe(401);
  });
});

describe('an owner writes on WeChat', () => {
  it('in safe mode: stored, answered success, live for an agent as a wechat conversation of this inbox', async () => {
    const socket = await hx.socket();
    const openId = newOpenId();
    const created = nextEvent<{ conversationId: string; conversation: ConversationItem }>(socket, 'conversation.created', (p) => p.conversation.contact.name === nameOf(openId));
    const message = nextEvent<{ conversationId: string; message: MessageItem }>(socket, 'message.created', (p) => p.message.content === '5号楼电梯停了');
    const res = await call(wechatPost(SECRETS, wechatMessage('text', openId, { text: '5号楼电梯停了' })));
    expect(res).toEqual({ status: 200, body: 'success' });
    const c = await created;
    expect(c.conversation.channel).toBe('wechat');
    expect(c.conversation.inboxId).toBe(inboxId);
    expect((await message).conversationId).toBe(c.conversationId);
  });

  it('in plain mode as well', async () => {
    const { conv } = await ownerWrites('plain mode works', 'plain');
    expect((await messagesOf(conv.id)).map((m) => m.content)).toEqual(['plain mode works']);
  });

  it('stores a redelivered message (same MsgId) once', async () => {
    const openId = newOpenId();
    const xml = wechatMessage('text', openId, { text: '车库漏水' });
    // WeChat retries the same message up to three times when an answer is late.
    for (let i = 0; i < 3; i++) expect((await call(wechatPost(SECRETS, xml))).status).toBe(200);
    const [conv] = await conversationsOf(openId);
    expect((await messagesOf(conv!.id)).map((m) => m.content)).toEqual(['车库漏水']);
  });

  it('keeps an image with its MediaId and a voice note with its recognized text', async () => {
    const openId = newOpenId();
    await call(wechatPost(SECRETS, wechatMessage('image', openId, { mediaId: 'MEDIA_leak_photo' })));
    await call(wechatPost(SECRETS, wechatMessage('voice-recognition', openId)));
    const [conv] = await conversationsOf(openId);
    const [photo, voice] = await messagesOf(conv!.id);
    expect(photo).toMatchObject({ contentType: 'photo', attachments: [{ kind: 'image' }] });
    expect(voice).toMatchObject({ contentType: 'voice', content: '腾讯微信团队' });
  });

  it('marks an owner who unfollowed as unreachable, and reachable again after following', async () => {
    const { openId, conv } = await ownerWrites('before unfollowing');
    const detail = await hx.api<{ id: string }>(`/api/conversations/${conv.id}`);
    const contactId = (detail.body as unknown as ConversationItem).contact.id;
    const blocked = async () => (await hx.api<{ identities: { channel: string; blocked: boolean }[] }>(`/api/contacts/${contactId}`)).body.identities.find((i) => i.channel === 'wechat')?.blocked;
    const event = (name: string) => wechatMessage(name, openId).replace(/<CreateTime>\d+</, `<CreateTime>${Math.floor(Date.now() / 1000) + (name === 'event-subscribe' ? 1 : 0)}<`);
    expect((await call(wechatPost(SECRETS, event('event-unsubscribe')))).status).toBe(200);
    expect(await blocked()).toBe(true);
    expect((await call(wechatPost(SECRETS, event('event-subscribe')))).status).toBe(200);
    expect(await blocked()).toBe(false);
  });
});

describe('refused requests leave nothing stored', () => {
  it('a forged signature (plain and safe mode) is 401', async () => {
    for (const mode of ['plain', 'safe'] as const) {
      const openId = newOpenId();
      expect((await call(wechatPost(SECRETS, wechatMessage('text', openId), { mode, forge: true }))).status).toBe(401);
      expect(await conversationsOf(openId)).toEqual([]);
    }
  });

  it('a genuine ciphertext for another AppId is 401', async () => {
    const openId = newOpenId();
    expect((await call(wechatPost(SECRETS, wechatMessage('text', openId), { appId: 'wxffffffffffffffff' }))).status).toBe(401);
    expect(await conversationsOf(openId)).toEqual([]);
  });

  it('malformed XML is 400, an oversized body 413', async () => {
    const openId = newOpenId();
    const broken = wechatPost(SECRETS, wechatMessage('text', openId).replace('</xml>', ''), { mode: 'plain' });
    expect((await call(broken)).status).toBe(400);
    const huge = wechatPost(SECRETS, wechatMessage('text', openId, { text: '漏'.repeat(40_000) }), { mode: 'plain' });
    expect((await call(huge)).status).toBe(413);
    expect(await conversationsOf(openId)).toEqual([]);
  });

  it('an unknown inbox is 404', async () => {
    const req = wechatPost(SECRETS, wechatMessage('text', newOpenId()));
    expect((await call(req, '/webhooks/wechat/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('an agent replies', () => {
  it('goes out once as a customer-service message and shows sent', async () => {
    const { openId, conv } = await ownerWrites('什么时候来修？');
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: '师傅下午两点上门' } });
    expect(res.status).toBe(201);
    const sent = await fake.waitFor('/cgi-bin/message/custom/send', (c) => c.body.touser === openId);
    expect(sent.body).toEqual({ touser: openId, msgtype: 'text', text: { content: '师傅下午两点上门' } });
    await eventually(async () => (await messagesOf(conv.id)).find((m) => m.id === res.body.id)?.delivery?.status === 'sent');
    await new Promise((r) => setTimeout(r, 1000));
    expect(fake.callsTo('/cgi-bin/message/custom/send').filter((c) => c.body.touser === openId)).toHaveLength(1);
  });

  it('sends an image the agent attached: uploaded as media, then an image message, once', async () => {
    const { openId, conv } = await ownerWrites('漏水的照片收到了吗？');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, {
      method: 'POST',
      body: { content: '这是维修后的照片', attachments: [{ fileName: 'after.png', mimeType: 'image/png', data: png.toString('base64') }] },
    });
    expect(res.status).toBe(201);
    const image = await fake.waitFor('/cgi-bin/message/custom/send', (c) => c.body.touser === openId && c.body.msgtype === 'image');
    const mediaId = String((image.body.image as { media_id: string }).media_id);
    expect(fake.uploads.get(mediaId)?.content.equals(png)).toBe(true);
    await eventually(async () => (await messagesOf(conv.id)).find((m) => m.id === res.body.id)?.delivery?.status === 'sent');
    const sends = fake.callsTo('/cgi-bin/message/custom/send').filter((c) => c.body.touser === openId);
    expect(sends.map((c) => c.body.msgtype)).toEqual(['text', 'image']);
  });

  it('after the 48-hour window: fails with the clear reason, and nothing is retried', async () => {
    const { openId, conv } = await ownerWrites('are you there?');
    fake.closeWindow(openId);
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: 'too late' } });
    const failed = await eventually(async () => {
      const m = (await messagesOf(conv.id)).find((x) => x.id === res.body.id);
      return m?.delivery?.status === 'failed' ? m : null;
    });
    expect(failed.delivery?.error).toContain("more than 48 hours since the owner's last message");
    await new Promise((r) => setTimeout(r, 1000));
    expect(fake.callsTo('/cgi-bin/message/custom/send').filter((c) => c.body.touser === openId)).toHaveLength(1);
  });

  it('refreshes an expired access token once and still delivers', async () => {
    const { openId, conv } = await ownerWrites('token test');
    fake.expireTokens();
    const before = fake.tokensIssued();
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/messages`, { method: 'POST', body: { content: 'after refresh' } });
    await eventually(async () => (await messagesOf(conv.id)).find((m) => m.id === res.body.id)?.delivery?.status === 'sent');
    expect(fake.tokensIssued()).toBeGreaterThan(before);
    expect(fake.callsTo('/cgi-bin/message/custom/send').filter((c) => c.body.touser === openId && !c.error)).toHaveLength(1);
  });
});

describe('template messages after the window', () => {
  it('an approved template goes out through template/send, once, and shows sent', async () => {
    const { openId, conv } = await ownerWrites('please call me back');
    fake.closeWindow(openId);
    const res = await hx.api<MessageItem>(`/api/conversations/${conv.id}/template-messages`, {
      method: 'POST',
      body: { templateId: 'TPL_REPAIR', variables: { first: '您的报修已处理', time: '12月3日 14:00' } },
    });
    expect(res.status).toBe(201);
    expect(res.body.content).toBe('[报修进度]\nfirst: 您的报修已处理\ntime: 12月3日 14:00');
    const call = await fake.waitFor('/cgi-bin/message/template/send', (c) => c.body.touser === openId);
    expect(call.body).toEqual({ touser: openId, template_id: 'TPL_REPAIR', data: { first: { value: '您的报修已处理' }, time: { value: '12月3日 14:00' } } });
    await eventually(async () => (await messagesOf(conv.id)).find((m) => m.id === res.body.id)?.delivery?.status === 'sent');
    await new Promise((r) => setTimeout(r, 1000));
    expect(fake.callsTo('/cgi-bin/message/template/send').filter((c) => c.body.touser === openId)).toHaveLength(1);
  });

  it('refuses an unknown template or missing variables with 400, storing and sending nothing', async () => {
    const { openId, conv } = await ownerWrites('template refusal');
    const before = (await messagesOf(conv.id)).length;
    const missing = await hx.api<{ error: string }>(`/api/conversations/${conv.id}/template-messages`, { method: 'POST', body: { templateId: 'TPL_REPAIR', variables: { first: 'x' } } });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toContain('needs time');
    const unknown = await hx.api(`/api/conversations/${conv.id}/template-messages`, { method: 'POST', body: { templateId: 'NOPE', variables: {} } });
    expect(unknown.status).toBe(400);
    expect(await messagesOf(conv.id)).toHaveLength(before);
    expect(fake.callsTo('/cgi-bin/message/template/send').filter((c) => c.body.touser === openId)).toHaveLength(0);
  });
});
