/**
 * The self-service bot on the two Tencent channels, through their real webhooks against the
 * fake APIs: choices go out as msgmenu click menus, a click comes back as a text message with
 * the item's id (bizmsgmenuid, menu_id), a typed number means the same, and a 服务号 menu CLICK
 * starts a flow even before the owner has written anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeCall } from '../support/fake-tencent.js';
import { startFakeWeChat, type FakeWeChat } from '../support/fake-wechat.js';
import { startFakeWeCom, type FakeWeCom } from '../support/fake-wecom.js';
import { eventually, startTestServer, type TestServer } from '../support/huixin.js';
import { newOpenId, queryString, wechatFixture, wechatMessage, wechatPost, type BuiltRequest } from '../support/wechat-callbacks.js';
import { kfItem, newExternalUserId, wecomKfCallback } from '../support/wecom-callbacks.js';
import type { TicketBody } from '../support/tickets.js';

const WECHAT = { appId: 'wx1234567890abcdef', token: 'huixinToken2026', encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
const OPEN_KFID = 'wkHuixinSunshine01';
const WECOM = { corpId: 'ww1436e0e65a779aee', token: 'kfToken2026', encodingAESKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt', openKfId: OPEN_KFID };

let wechat: FakeWeChat;
let wecom: FakeWeCom;
let hx: TestServer;
let wechatInbox: string;
let wecomInbox: string;
let syncToken = 0;

beforeAll(async () => {
  wechat = await startFakeWeChat({ appId: WECHAT.appId, appSecret: 'wechat-app-secret' });
  wecom = await startFakeWeCom({ corpId: WECOM.corpId, secret: 'kf-secret', openKfId: OPEN_KFID });
  hx = await startTestServer({ env: { TICKET_SWEEP_CRON: 'off' } });
  const a = await hx.api<{ id: string }>('/api/inboxes', {
    method: 'POST',
    body: { channel: 'wechat', name: '阳光花园服务号', config: { ...WECHAT, appSecret: 'wechat-app-secret', apiRoot: wechat.apiRoot } },
  });
  const b = await hx.api<{ id: string }>('/api/inboxes', {
    method: 'POST',
    body: { channel: 'wecom_kf', name: '阳光花园微信客服', config: { ...WECOM, secret: 'kf-secret', apiRoot: wecom.apiRoot } },
  });
  expect([a.status, b.status]).toEqual([201, 201]);
  wechatInbox = a.body.id;
  wecomInbox = b.body.id;
  expect((await hx.api('/api/bot/settings', { method: 'PUT', body: { enabled: true } })).status).toBe(200);
});

afterAll(async () => {
  await hx?.close();
  await wechat?.close();
  await wecom?.close();
});

async function post(req: BuiltRequest, path: string): Promise<number> {
  const res = await fetch(`${hx.url}${path}?${queryString(req.query)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: req.body });
  await res.text();
  return res.status;
}
const toWeChat = (xml: string) => post(wechatPost(WECHAT, xml), `/webhooks/wechat/${wechatInbox}`);

/** The next customer-service message to this owner, and its menu items (none for a text). */
async function sentTo(openId: string, predicate: (c: FakeCall) => boolean = () => true): Promise<{ call: FakeCall; head: string; items: { id: string; content: string }[] }> {
  const call = await wechat.waitFor('/cgi-bin/message/custom/send', (c) => c.body.touser === openId && predicate(c), 10_000);
  const menu = call.body.msgmenu as { head_content: string; list: { id: string; content: string }[] } | undefined;
  const text = (call.body.text as { content: string } | undefined)?.content ?? '';
  return { call, head: menu?.head_content ?? text, items: menu?.list ?? [] };
}
const headIncludes = (s: string) => (c: FakeCall) => JSON.stringify(c.body).includes(s);

/** What WeChat posts when the owner clicks an item of a menu message (see fixtures/text-menu-click.xml). */
function menuClick(openId: string, item: { id: string; content: string }): string {
  return wechatMessage('text-menu-click', openId, { text: item.content }).replace(/<bizmsgmenuid>\d+<\/bizmsgmenuid>/, `<bizmsgmenuid>${item.id}</bizmsgmenuid>`);
}
/** A 服务号 custom-menu CLICK with this key. */
function menuEvent(openId: string, key: string): string {
  return wechatFixture('event-click')
    .replace(/<FromUserName>.*?<\/FromUserName>/, `<FromUserName><![CDATA[${openId}]]></FromUserName>`)
    .replace(/<CreateTime>\d+<\/CreateTime>/, `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>`)
    .replace(/<EventKey>.*?<\/EventKey>/, `<EventKey><![CDATA[${key}]]></EventKey>`);
}

async function conversationOf(name: string): Promise<string> {
  const res = await hx.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
  const conv = res.body.data.find((c) => c.contact.name === name);
  if (!conv) throw new Error(`no conversation for ${name}`);
  return conv.id;
}

describe('the bot on a WeChat Official Account', () => {
  it('a 服务号 menu CLICK starts 报修 for a new follower; menu clicks and a typed number lead to a ticket', async () => {
    const openId = newOpenId();
    const click = menuEvent(openId, 'REPAIR');
    expect(await toWeChat(click)).toBe(200);
    // WeChat redelivers an event it thinks went unanswered: the flow does not start twice.
    expect(await toWeChat(click)).toBe(200);
    const category = await sentTo(openId);
    expect(category.call.body.msgtype).toBe('msgmenu');
    expect(category.head).toContain('报修类别');
    expect(category.items.map((i) => i.content)).toEqual(['水管/漏水', '电路/停电', '门窗/门禁', '电梯', '公共区域', '其他']);
    expect(category.items.map((i) => i.id)).toEqual(['1', '2', '3', '4', '5', '6']);

    expect(await toWeChat(menuClick(openId, category.items[2]!))).toBe(200);
    await sentTo(openId, headIncludes('请简单描述问题'));
    expect(await toWeChat(wechatMessage('text', openId, { text: '单元门禁刷卡没反应' }))).toBe(200);
    const photo = await sentTo(openId, headIncludes('照片'));
    expect(photo.items.map((i) => i.content)).toEqual(['跳过']);
    // Typing the number of a choice is the same as clicking it.
    expect(await toWeChat(wechatMessage('text', openId, { text: '1' }))).toBe(200);
    await sentTo(openId, headIncludes('房号'));
    expect(await toWeChat(wechatMessage('text', openId, { text: '7栋1单元1203' }))).toBe(200);

    const conversationId = await conversationOf(`WeChat ${openId.slice(-6)}`);
    const tickets = (await hx.api<{ data: (TicketBody & { location: string | null })[] }>(`/api/tickets?status=all&conversationId=${conversationId}`)).body.data;
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ category: 'repair', location: '7栋1单元1203' });
    expect(tickets[0]!.summary).toContain('门窗/门禁');
    expect(tickets[0]!.summary).toContain('单元门禁刷卡没反应');
    await sentTo(openId, headIncludes(tickets[0]!.number));
    // The menu click that opened the conversation is on record for the agents.
    const msgs = (await hx.api<{ data: { content: string; sender: { type: string } }[] }>(`/api/conversations/${conversationId}/messages`)).body.data;
    expect(msgs[0]).toMatchObject({ sender: { type: 'contact' }, content: '[菜单 menu] REPAIR' });
    expect(msgs.filter((m) => m.content === '[菜单 menu] REPAIR')).toHaveLength(1);
  });

  it('a click on a stale menu whose item no longer matches is read as the words it sent', async () => {
    const openId = newOpenId();
    expect(await toWeChat(wechatMessage('text', openId, { text: '报修' }))).toBe(200);
    await sentTo(openId, headIncludes('报修类别'));
    // "1" of an older menu (the main menu's 报修) while the category menu is offered: its label
    // does not match item 1 here, so it is taken as words — and 报修 restarts the report.
    expect(await toWeChat(menuClick(openId, { id: '1', content: '报修' }))).toBe(200);
    const again = await sentTo(openId, headIncludes('报修类别'));
    expect(again.items).toHaveLength(6);
  });

  it('answers a known question at once, with 有帮助 / 人工客服 as a click menu; a click on 有帮助 is counted', async () => {
    const made = await hx.api<{ id: string }>('/api/bot/answers', {
      method: 'POST',
      body: {
        question: '物业费怎么交？',
        keywords: ['物业费', '缴费', '交费'],
        phrasings: ['物业费怎么交', '在哪里交物业费', '物业费可以微信支付吗'],
        answer: '物业费可在服务号“生活缴费”菜单里在线缴纳，也可到客服中心前台办理。',
        locale: 'zh-CN',
      },
    });
    expect(made.status).toBe(201);
    const openId = newOpenId();
    expect(await toWeChat(wechatMessage('text', openId, { text: '请问物业费在哪里交？' }))).toBe(200);
    const answer = await sentTo(openId, headIncludes('生活缴费'));
    expect(answer.call.body.msgtype).toBe('msgmenu');
    expect(answer.items.map((i) => i.content)).toEqual(['有帮助', '人工客服']);
    expect(await toWeChat(menuClick(openId, answer.items[0]!))).toBe(200);
    await sentTo(openId, headIncludes('很高兴能帮到您'));
    const after = (await hx.api<{ data: { id: string; shown: number; helpful: number }[] }>('/api/bot/answers')).body.data.find((a) => a.id === made.body.id);
    expect(after).toMatchObject({ shown: 1, helpful: 1 });
  });
});

describe('我的工单 on the Official Account', () => {
  it('lists the owner’s open ticket with a menu; a click and the next words add to it', async () => {
    const openId = newOpenId();
    expect(await toWeChat(wechatMessage('text', openId, { text: '报修' }))).toBe(200);
    await sentTo(openId, headIncludes('报修类别'));
    expect(await toWeChat(wechatMessage('text', openId, { text: '6' }))).toBe(200);
    await sentTo(openId, headIncludes('请简单描述问题'));
    expect(await toWeChat(wechatMessage('text', openId, { text: '楼下车库门打不开' }))).toBe(200);
    await sentTo(openId, headIncludes('照片'));
    expect(await toWeChat(wechatMessage('text', openId, { text: '跳过' }))).toBe(200);
    await sentTo(openId, headIncludes('房号'));
    expect(await toWeChat(wechatMessage('text', openId, { text: '2栋1单元301' }))).toBe(200);
    const conversationId = await conversationOf(`WeChat ${openId.slice(-6)}`);
    const [ticket] = (await hx.api<{ data: TicketBody[] }>(`/api/tickets?status=all&conversationId=${conversationId}`)).body.data;
    expect(ticket).toBeDefined();

    expect(await toWeChat(wechatMessage('text', openId, { text: '查进度' }))).toBe(200);
    const list = await sentTo(openId, headIncludes('您的未完成工单'));
    expect(list.head).toContain(ticket!.number);
    expect(list.items.map((i) => i.content)).toEqual([`补充 ${ticket!.number}`]);
    expect(await toWeChat(menuClick(openId, list.items[0]!))).toBe(200);
    await sentTo(openId, headIncludes(`补充到工单 ${ticket!.number}`));
    expect(await toWeChat(wechatMessage('text', openId, { text: '门禁卡也刷不开' }))).toBe(200);
    await sentTo(openId, headIncludes('已补充到工单'));
  });
});

describe('the bot on WeChat customer service (WeCom)', () => {
  const notify = () => post(wecomKfCallback(WECOM, `SYNC_${++syncToken}`), `/webhooks/wecom_kf/${wecomInbox}`);
  const said = (owner: string, text: string, menuId?: string) => {
    const item = kfItem('text', OPEN_KFID, owner, { text });
    if (menuId) item.text = { content: text, menu_id: menuId };
    wecom.pushMessages(item);
    return notify();
  };
  const sentTo = async (owner: string, needle: string) => {
    const call = await wecom.waitFor('/cgi-bin/kf/send_msg', (c) => c.body.touser === owner && JSON.stringify(c.body).includes(needle), 10_000);
    const menu = call.body.msgmenu as { list: { type: string; click: { id: string; content: string } }[] } | undefined;
    return { call, items: menu?.list.map((i) => i.click) ?? [] };
  };

  it('answers 菜单 with a click menu; a click on 人工客服 hands over to a person', async () => {
    const owner = newExternalUserId();
    expect(await said(owner, '菜单')).toBe(200);
    const menu = await sentTo(owner, '请选择您需要的服务');
    expect(menu.call.body).toMatchObject({ msgtype: 'msgmenu', open_kfid: OPEN_KFID });
    const human = menu.items.find((i) => i.content === '人工客服')!;
    expect(human).toBeDefined();
    expect(await said(owner, human.content, human.id)).toBe(200);
    await sentTo(owner, '已为您转接人工客服');
    const conversationId = await conversationOf(`WeChat ${owner.slice(-6)}`);
    const msgs = (await hx.api<{ data: { private: boolean; meta: Record<string, unknown> }[] }>(`/api/conversations/${conversationId}/messages`)).body.data;
    expect(msgs.some((m) => m.private && m.meta.kind === 'bot.handoff')).toBe(true);
  });

  it('takes a repair report through click menus to a ticket', async () => {
    const owner = newExternalUserId();
    expect(await said(owner, '报修')).toBe(200);
    const category = await sentTo(owner, '报修类别');
    const lift = category.items.find((i) => i.content === '电梯')!;
    expect(await said(owner, lift.content, lift.id)).toBe(200);
    await sentTo(owner, '请简单描述问题');
    expect(await said(owner, '电梯按钮失灵，按了没反应')).toBe(200);
    const photo = await sentTo(owner, '照片');
    expect(await said(owner, photo.items[0]!.content, photo.items[0]!.id)).toBe(200);
    await sentTo(owner, '房号');
    expect(await said(owner, '9栋2单元1801')).toBe(200);
    const conversationId = await conversationOf(`WeChat ${owner.slice(-6)}`);
    // WeCom's callback only announces news: the pull (and the bot turn after it) runs as a job.
    const ticket = await eventually(async () => (await hx.api<{ data: (TicketBody & { location: string | null })[] }>(`/api/tickets?status=all&conversationId=${conversationId}`)).body.data[0]);
    expect(ticket).toMatchObject({ category: 'repair', location: '9栋2单元1801' });
    expect(ticket.department.name).toBe('工程部');
    await sentTo(owner, ticket.number);
  });
});
