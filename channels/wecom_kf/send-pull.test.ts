import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWeCom, type FakeWeCom } from '../../test/support/fake-wecom.js';
import { memoryChannelState, recordingLogger } from '../../test/support/memory-channel-state.js';
import { kfItem, newExternalUserId } from '../../test/support/wecom-callbacks.js';
import type { ChannelInstance } from '../definition.js';
import { ChannelError } from '../types.js';
import { wecomKfConfigSchema, type WeComKfConfig } from './config.js';
import { createWeComKfInstance } from './definition.js';

const OPEN_KFID = 'wkHuixinTest0001';
let fake: FakeWeCom;
let state: ReturnType<typeof memoryChannelState>;
let logger: ReturnType<typeof recordingLogger>;
let channel: ChannelInstance<WeComKfConfig>;
const target = (address: string, messageId = 'm1') => ({ inboxId: 'k1', conversationId: 'c1', address, threadKey: address, messageId });

function instance(overrides: Record<string, unknown> = {}): ChannelInstance<WeComKfConfig> {
  const config = wecomKfConfigSchema.parse({
    corpId: 'ww1436e0e65a779aee',
    secret: 'kf-secret',
    token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
    encodingAESKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
    openKfId: OPEN_KFID,
    apiRoot: fake.apiRoot,
    welcomeText: '您好，这里是物业客服中心',
    ...overrides,
  });
  return createWeComKfInstance(config, { inboxId: 'k1', state, logger });
}

beforeAll(async () => {
  fake = await startFakeWeCom({ corpId: 'ww1436e0e65a779aee', secret: 'kf-secret', openKfId: OPEN_KFID });
});
afterAll(async () => fake.close());
beforeEach(() => {
  state = memoryChannelState();
  logger = recordingLogger();
  channel = instance();
});

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChannelError);
  return err as ChannelError;
}

describe('WeCom kf pull', () => {
  it('pages through sync_msg with the callback token, from the cursor, until has_more is 0', async () => {
    const owner = newExternalUserId();
    const start = fake.messageCount();
    fake.pushMessages(...[1, 2, 3, 4, 5].map((n) => kfItem('text', OPEN_KFID, owner, { text: `消息${n}` })));
    fake.pageSize = 2;
    // Where an earlier pull stopped (the fake's cursor is the list position).
    let cursor: string | null = start === 0 ? null : `cursor_${start}`;
    const texts: string[] = [];
    for (;;) {
      const page = await channel.pull!(cursor, { token: 'SYNC_TOKEN', openKfId: OPEN_KFID });
      texts.push(...page.items.map((i) => (i.kind === 'message' ? i.text : '')));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    fake.pageSize = 1000;
    expect(texts).toEqual(['消息1', '消息2', '消息3', '消息4', '消息5']);
    const syncs = fake.callsTo('/cgi-bin/kf/sync_msg').slice(-3);
    expect(syncs.map((c) => c.body.token)).toEqual(['SYNC_TOKEN', 'SYNC_TOKEN', 'SYNC_TOKEN']);
    expect(syncs.every((c) => c.body.open_kfid === OPEN_KFID)).toBe(true);
    // Pulling again from the stored cursor yields nothing new.
    const again = await channel.pull!(cursor, { token: 'SYNC_TOKEN', openKfId: OPEN_KFID });
    expect(again).toEqual({ items: [], cursor, hasMore: false });
  });

  it('sends the welcome text once per welcome_code, even when the page is pulled twice', async () => {
    const owner = newExternalUserId();
    const start = fake.messageCount();
    fake.pushMessages(kfItem('event-enter-session', OPEN_KFID, owner, { welcomeCode: `WELCOME_${owner}` }));
    const from = start === 0 ? null : `cursor_${start}`;
    const page = await channel.pull!(from, { token: 't', openKfId: OPEN_KFID });
    expect(page.items).toEqual([]);
    await instance().pull!(from, { token: 't', openKfId: OPEN_KFID });
    const welcomes = fake.callsTo('/cgi-bin/kf/send_msg_on_event').filter((c) => c.body.code === `WELCOME_${owner}`);
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]!.body).toMatchObject({ msgtype: 'text', text: { content: '您好，这里是物业客服中心' } });
  });

  it('logs msg_send_fail events', async () => {
    const start = fake.messageCount();
    fake.pushMessages(kfItem('event-msg-send-fail', OPEN_KFID, newExternalUserId()));
    await channel.pull!(start === 0 ? null : `cursor_${start}`, { token: 't', openKfId: OPEN_KFID });
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: expect.stringContaining('could not deliver') }));
  });
});

describe('WeCom kf send', () => {
  it('sends text with a msgid derived from the stored message, and returns the platform msgid', async () => {
    const result = await channel.send(target('wmOwner1', 'msg-42'), { text: '师傅马上到' });
    const call = fake.callsTo('/cgi-bin/kf/send_msg').at(-1)!;
    expect(call.body).toMatchObject({ touser: 'wmOwner1', open_kfid: OPEN_KFID, msgtype: 'text', text: { content: '师傅马上到' } });
    expect(call.body.msgid).toMatch(/^[0-9a-zA-Z_-]{1,32}$/);
    expect(result.externalIds).toEqual([call.body.msgid]);
  });

  it('draws meta.menu as a msgmenu of click items', async () => {
    await channel.send(target('wmOwner1', 'menu'), { text: '请选择您需要的服务', meta: { menu: [{ id: '1', label: '报修' }, { id: '2', label: '人工客服' }] } });
    expect(fake.callsTo('/cgi-bin/kf/send_msg').at(-1)!.body).toMatchObject({
      msgtype: 'msgmenu',
      msgmenu: { head_content: '请选择您需要的服务', list: [{ type: 'click', click: { id: '1', content: '报修' } }, { type: 'click', click: { id: '2', content: '人工客服' } }], tail_content: '' },
    });
  });

  it('uploads an image first, then sends it', async () => {
    await channel.send(target('wmOwner1', 'img'), { text: '', attachments: [{ fileName: 'p.png', mimeType: 'image/png', content: new Uint8Array([137, 80, 78, 71]) }] });
    expect(fake.callsTo('/cgi-bin/media/upload').at(-1)!.upload).toMatchObject({ fileName: 'p.png', size: 4 });
    expect(fake.callsTo('/cgi-bin/kf/send_msg').at(-1)!.body).toMatchObject({ msgtype: 'image' });
  });

  it.each([40014, 42001])('refreshes the token once on %i', async (errcode) => {
    await channel.send(target('wmOwner1', 'w'), { text: 'warm' });
    const before = fake.tokensIssued();
    fake.failNext('/cgi-bin/kf/send_msg', errcode);
    await channel.send(target('wmOwner1', 'r'), { text: 'retry' });
    expect(fake.tokensIssued() - before).toBe(1);
  });

  it.each([
    [95001, 'WINDOW_CLOSED', /5 messages within 48 hours/],
    [95018, 'WINDOW_CLOSED', /session does not accept/],
    [45009, 'RATE_LIMITED', /limit/],
  ])('maps errcode %i to %s with a clear reason', async (errcode, code, reason) => {
    fake.failNext('/cgi-bin/kf/send_msg', errcode);
    const err = await failure(channel.send(target('wmOwner1'), { text: 'x' }));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(reason);
  });

  it('gives AUTH for a wrong secret, and check() says so', async () => {
    const wrong = instance({ secret: 'nope' });
    expect((await failure(wrong.send(target('wmOwner1'), { text: 'x' }))).code).toBe('AUTH');
    expect(await wrong.check!()).toMatchObject({ ok: false });
    expect(await channel.check!()).toMatchObject({ ok: true });
  });

  it('downloads media, null when gone', async () => {
    fake.addMedia('kf_voice', { content: Buffer.from('#!AMR\n'), mimeType: 'audio/amr', fileName: 'v.amr' });
    expect(await channel.downloadMedia!('kf_voice', 100)).toEqual({ content: Buffer.from('#!AMR\n'), mimeType: 'audio/amr', fileName: 'v.amr' });
    expect(await channel.downloadMedia!('kf_missing', 100)).toBeNull();
  });
});
