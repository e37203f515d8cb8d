import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWeChat, type FakeWeChat } from '../../test/support/fake-wechat.js';
import { memoryChannelState, recordingLogger } from '../../test/support/memory-channel-state.js';
import { ChannelError } from '../types.js';
import { wechatConfigSchema } from './config.js';
import { createWeChatInstance, type WeChatInstance } from './definition.js';

let fake: FakeWeChat;
let state: ReturnType<typeof memoryChannelState>;
let channel: WeChatInstance;
const target = (address: string, messageId = 'm1') => ({ inboxId: 'i1', conversationId: 'c1', address, threadKey: address, messageId });

function instance(overrides: Record<string, unknown> = {}): WeChatInstance {
  const config = wechatConfigSchema.parse({
    appId: 'wxb11529c136998cb6',
    appSecret: 'the-secret',
    token: 'pamtest',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    apiRoot: fake.apiRoot,
    templates: [{ id: 'TPL_REPAIR', name: 'Repair visit', variables: ['first', 'time'] }],
    ...overrides,
  });
  return createWeChatInstance(config, { inboxId: 'i1', state, logger: recordingLogger() });
}

beforeAll(async () => {
  fake = await startFakeWeChat({ appId: 'wxb11529c136998cb6', appSecret: 'the-secret' });
});
afterAll(async () => fake.close());
beforeEach(() => {
  state = memoryChannelState();
  channel = instance();
});

async function sendError(promise: Promise<unknown>): Promise<ChannelError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChannelError);
  return err as ChannelError;
}

describe('WeChat send through the fake API', () => {
  it('sends a text as a customer-service message with a fetched token, cached for the next send', async () => {
    const before = fake.tokensIssued();
    await channel.send(target('oOwnerA'), { text: '师傅下午两点到' });
    await channel.send(target('oOwnerA', 'm2'), { text: '好的' });
    const call = fake.callsTo('/cgi-bin/message/custom/send').at(-1)!;
    expect(call.body).toEqual({ touser: 'oOwnerA', msgtype: 'text', text: { content: '好的' } });
    expect(fake.tokensIssued() - before).toBe(1);
    // A second instance (another Huixin process) shares the token through the state port.
    await instance().send(target('oOwnerA', 'm3'), { text: '再见' });
    expect(fake.tokensIssued() - before).toBe(1);
  });

  it('stores the token with a TTL shorter than expires_in', async () => {
    await channel.send(target('oOwnerA'), { text: 'x' });
    const entry = state.values.get('access_token:wxb11529c136998cb6')!;
    expect(entry.expiresAt! - Date.now()).toBeLessThanOrEqual((7200 - 300) * 1000);
    expect(entry.expiresAt! - Date.now()).toBeGreaterThan(0);
  });

  it.each([40001, 42001])('refreshes the token once on %i and retries', async (errcode) => {
    await channel.send(target('oOwnerA'), { text: 'warm up' });
    const before = fake.tokensIssued();
    fake.failNext('/cgi-bin/message/custom/send', errcode);
    await channel.send(target('oOwnerA'), { text: 'after refresh' });
    expect(fake.tokensIssued() - before).toBe(1);
    expect(fake.callsTo('/cgi-bin/message/custom/send').at(-1)).toMatchObject({ body: { text: { content: 'after refresh' } } });
  });

  it('uses a fresh token when the cached one expired at the platform', async () => {
    await channel.send(target('oOwnerA'), { text: 'warm up' });
    fake.expireTokens();
    await channel.send(target('oOwnerA'), { text: 'still delivered' });
    expect(fake.callsTo('/cgi-bin/message/custom/send').at(-1)?.error).toBeUndefined();
  });

  it('gives AUTH when the token is refused again after the refresh', async () => {
    fake.failNext('/cgi-bin/message/custom/send', 40001);
    fake.failNext('/cgi-bin/message/custom/send', 40001);
    expect((await sendError(channel.send(target('oOwnerA'), { text: 'x' }))).code).toBe('AUTH');
  });

  it('gives AUTH for a wrong AppSecret', async () => {
    const wrong = instance({ appSecret: 'not-it' });
    expect((await sendError(wrong.send(target('oOwnerA'), { text: 'x' }))).code).toBe('AUTH');
    expect(await wrong.check!()).toMatchObject({ ok: false, error: expect.stringContaining('40125') });
    expect(await channel.check!()).toEqual({ ok: true, detail: 'AppId wxb11529c136998cb6' });
  });

  it('maps 45015 to WINDOW_CLOSED with the 48-hour reason', async () => {
    fake.closeWindow('oLate');
    const err = await sendError(channel.send(target('oLate'), { text: 'too late' }));
    expect(err.code).toBe('WINDOW_CLOSED');
    expect(err.message).toContain("more than 48 hours since the owner's last message");
    expect(err.retryable).toBe(false);
  });

  it.each([
    [45047, 'RATE_LIMITED'],
    [45009, 'RATE_LIMITED'],
    [40003, 'NOT_FOUND'],
    [43004, 'WINDOW_CLOSED'],
    [-1, 'NETWORK'],
    [99999, 'INVALID'],
  ])('maps errcode %i to %s', async (errcode, code) => {
    fake.failNext('/cgi-bin/message/custom/send', errcode);
    expect((await sendError(channel.send(target('oOwnerA'), { text: 'x' }))).code).toBe(code);
  });

  it('gives NETWORK when the API cannot be reached', async () => {
    const gone = instance({ apiRoot: 'http://127.0.0.1:1' });
    expect((await sendError(gone.send(target('oOwnerA'), { text: 'x' }))).code).toBe('NETWORK');
  });

  it('splits a long Chinese text into parts of at most 2048 bytes, skipping parts already sent', async () => {
    const sent: string[] = [];
    const text = '请'.repeat(1500);
    const result = await channel.send(target('oOwnerB', 'long'), { text }, { onPartSent: async (_i, id) => void sent.push(id) });
    expect(result.externalIds).toEqual(['wechat-out:long:0', 'wechat-out:long:1', 'wechat-out:long:2']);
    expect(sent).toEqual(result.externalIds);
    const before = fake.callsTo('/cgi-bin/message/custom/send').length;
    await channel.send({ ...target('oOwnerB', 'long'), partsDone: 2 }, { text });
    expect(fake.callsTo('/cgi-bin/message/custom/send').length - before).toBe(1);
  });

  it('draws meta.menu as a menu message under the last part of the text', async () => {
    const menu = [{ id: '1', label: '水管/漏水' }, { id: '2', label: '电梯' }, { id: 'bad id!', label: 'dropped' }, { id: '3', label: ' ' }];
    await channel.send(target('oOwnerM', 'menu1'), { text: '请选择报修类别：', meta: { menu } });
    expect(fake.callsTo('/cgi-bin/message/custom/send').at(-1)!.body).toEqual({
      touser: 'oOwnerM',
      msgtype: 'msgmenu',
      msgmenu: { head_content: '请选择报修类别：', list: [{ id: '1', content: '水管/漏水' }, { id: '2', content: '电梯' }], tail_content: '' },
    });
    // A long text goes out as parts first; only the last carries the menu.
    const before = fake.callsTo('/cgi-bin/message/custom/send').length;
    await channel.send(target('oOwnerM', 'menu2'), { text: '长'.repeat(1000), meta: { menu } });
    const calls = fake.callsTo('/cgi-bin/message/custom/send').slice(before);
    expect(calls.map((c) => c.body.msgtype)).toEqual(['text', 'msgmenu']);
  });

  it('uploads an image as media and sends it as an image message', async () => {
    const content = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    await channel.send(target('oOwnerC', 'img'), { text: '', attachments: [{ fileName: 'leak.jpg', mimeType: 'image/jpeg', content }] });
    const upload = fake.callsTo('/cgi-bin/media/upload').at(-1)!;
    expect(upload.query.type).toBe('image');
    expect(upload.upload).toMatchObject({ fileName: 'leak.jpg', size: content.length });
    const call = fake.callsTo('/cgi-bin/message/custom/send').at(-1)!;
    expect(call.body).toMatchObject({ touser: 'oOwnerC', msgtype: 'image' });
    expect(fake.uploads.get((call.body.image as { media_id: string }).media_id)?.content).toEqual(Buffer.from(content));
  });

  it('refuses files other than images before sending anything', async () => {
    const before = fake.calls.length;
    const err = await sendError(channel.send(target('oOwnerC'), { text: 'see pdf', attachments: [{ fileName: 'a.pdf', mimeType: 'application/pdf', content: new Uint8Array(3) }] }));
    expect(err.code).toBe('UNSUPPORTED');
    expect(fake.calls.length).toBe(before);
  });
});

describe('WeChat template messages', () => {
  it('sends a configured template with its variables', async () => {
    const result = await channel.sendTemplate(target('oOwnerD'), 'TPL_REPAIR', { first: '您的报修已受理', time: '14:00' });
    expect(result.externalIds[0]).toMatch(/^wechat-tpl:\d+$/);
    expect(fake.callsTo('/cgi-bin/message/template/send').at(-1)!.body).toEqual({
      touser: 'oOwnerD',
      template_id: 'TPL_REPAIR',
      data: { first: { value: '您的报修已受理' }, time: { value: '14:00' } },
    });
  });

  it('a stored template message (meta.template) goes out through send as a template', async () => {
    const before = fake.callsTo('/cgi-bin/message/template/send').length;
    await channel.send(target('oOwnerD'), { text: '', meta: { template: { id: 'TPL_REPAIR', variables: { first: 'a', time: 'b' } } } });
    expect(fake.callsTo('/cgi-bin/message/template/send').length - before).toBe(1);
  });

  it('refuses an unknown template, a missing or an extra variable without calling WeChat', async () => {
    const before = fake.calls.length;
    expect((await sendError(channel.sendTemplate(target('o'), 'NOPE', {}))).message).toMatch(/not configured/);
    expect((await sendError(channel.sendTemplate(target('o'), 'TPL_REPAIR', { first: 'a' }))).message).toMatch(/needs time/);
    expect((await sendError(channel.sendTemplate(target('o'), 'TPL_REPAIR', { first: 'a', time: 'b', x: 'c' }))).message).toMatch(/no variable x/);
    expect(fake.calls.length).toBe(before);
  });
});

describe('WeChat media download', () => {
  it('downloads temporary media with its type and name, null once expired, refuses oversize', async () => {
    fake.addMedia('m_photo', { content: Buffer.from('JPEGDATA'), mimeType: 'image/jpeg', fileName: 'photo.jpg' });
    expect(await channel.downloadMedia!('m_photo', 1000)).toEqual({ content: Buffer.from('JPEGDATA'), mimeType: 'image/jpeg', fileName: 'photo.jpg' });
    expect(await channel.downloadMedia!('m_gone', 1000)).toBeNull();
    expect((await sendError(channel.downloadMedia!('m_photo', 4))).message).toMatch(/larger than 4 bytes/);
  });
});

describe('checking a template message before it is stored', () => {
  it('gives the preview for fitting variables and the reason otherwise', async () => {
    const { wechatDefinition } = await import('./definition.js');
    const config = wechatConfigSchema.parse({
      appId: 'wxb11529c136998cb6',
      appSecret: 's',
      token: 'pamtest',
      encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      templates: [{ id: 'TPL_REPAIR', name: 'Repair visit', variables: ['first', 'time'] }],
    });
    expect(wechatDefinition.checkTemplate!(config, 'TPL_REPAIR', { first: '已受理', time: '14:00' })).toEqual({ ok: true, preview: '[Repair visit]\nfirst: 已受理\ntime: 14:00' });
    expect(wechatDefinition.checkTemplate!(config, 'TPL_REPAIR', { first: '已受理' })).toEqual({ ok: false, error: 'template "Repair visit" needs time' });
  });
});
