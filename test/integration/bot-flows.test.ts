/**
 * The self-service bot on Telegram, through the real webhook, database and delivery worker,
 * against the fake Bot API: the guided repair report with buttons, a restart in the middle of
 * it, emergency words, the owner's open tickets and additions to one, the handoff to a person,
 * and the out-of-hours notice. The bot is off until the admin switches it on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeTelegram, type FakeCall, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { botChat, buttonsOf, zhOwner } from '../support/bot-chat.js';
import { importRoster } from '../support/roster.js';
import { MINUTE, sh, testClock, type TicketBody, type TicketDetailBody } from '../support/tickets.js';

let tg: FakeTelegram;
let db: TestDatabase;
let hx: TestServer;
const t = testClock(sh('2026-11-23T09:00'));
const env = { TICKET_SWEEP_CRON: 'off', AUTO_ASSIGN: 'false' };

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  db = await createTestDatabase();
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, clock: t.clock, db, env });
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
  await db?.drop();
});

const { toOwner, says, taps, conversationOf, messagesOf, reportUntilUnit } = botChat(() => hx, () => tg);
const buttons = buttonsOf;
const dataOf = (call: FakeCall, label: string) => {
  const b = buttons(call).find((x) => x.text === label);
  if (!b) throw new Error(`no button "${label}" among ${buttons(call).map((x) => x.text).join(', ')}`);
  return b.callback_data;
};

const ticketsOf = async (conversationId: string) => (await hx.api<{ data: (TicketBody & { location: string | null })[] }>(`/api/tickets?status=all&conversationId=${conversationId}`)).body.data;

describe('the command menu', () => {
  it('is published when the inbox starts: Chinese by default, English for English apps', async () => {
    const zh = await tg.waitFor('setMyCommands', (c) => c.params.language_code === undefined);
    const en = await tg.waitFor('setMyCommands', (c) => c.params.language_code === 'en');
    const commands = (c: FakeCall) => (typeof c.params.commands === 'string' ? JSON.parse(c.params.commands) : c.params.commands) as { command: string; description: string }[];
    expect(commands(zh).map((c) => c.command)).toEqual(['start', 'repair', 'status', 'human', 'lang', 'cancel']);
    expect(commands(zh).find((c) => c.command === 'repair')?.description).toBe('报修');
    expect(commands(en).find((c) => c.command === 'human')?.description).toBe('Talk to a person');
  });
});

describe('with the bot off (the default)', () => {
  it('says nothing of its own: an owner’s “报修” waits for an agent', async () => {
    expect((await hx.api<{ enabled: boolean }>('/api/bot/settings')).body.enabled).toBe(false);
    const owner = zhOwner('关机业主');
    await says(owner, '报修');
    const msgs = await messagesOf(await conversationOf(owner));
    expect(msgs.filter((m) => m.sender.type === 'bot')).toEqual([]);
  });
});

describe('with the bot on', () => {
  beforeAll(async () => {
    const bad = await hx.api('/api/bot/settings', { method: 'PUT', body: { enabled: 'yes' } });
    expect(bad.status).toBe(400);
    const on = await hx.api<{ enabled: boolean; emergencyPhone: string }>('/api/bot/settings', { method: 'PUT', body: { enabled: true, emergencyPhone: '0571-8888 0000' } });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, emergencyPhone: '0571-8888 0000' });
  });

  it('guides a repair report with buttons, survives a restart midway, and files a ticket with the unit', async () => {
    const owner = zhOwner('报修业主');
    await says(owner, '/start');
    const menu = await toOwner(owner, (s) => s.includes('请选择您需要的服务'));
    expect(buttons(menu).map((b) => b.text)).toEqual(['报修', '我的工单', '人工客服', 'English']);

    await taps(owner, dataOf(menu, '报修'));
    const category = await toOwner(owner, (s) => s.includes('报修类别'));
    expect(buttons(category).map((b) => b.text)).toContain('水管/漏水');
    await taps(owner, dataOf(category, '水管/漏水'));
    await toOwner(owner, (s) => s.includes('请简单描述问题'));

    // The server stops in the middle of the report; the next one picks it up where it was.
    await hx.close();
    hx = await startTestServer({ telegramApiRoot: tg.apiRoot, clock: t.clock, db, env });

    await says(owner, '厨房水龙头关不紧，一直滴水');
    const photo = await toOwner(owner, (s) => s.includes('照片'));
    await taps(owner, dataOf(photo, '跳过'));
    await toOwner(owner, (s) => s.includes('房号'));
    await says(owner, '3栋2单元501室');

    const conversationId = await conversationOf(owner);
    const [ticket] = await ticketsOf(conversationId);
    expect(ticket).toMatchObject({ category: 'repair', priority: 'normal', location: '3栋2单元501' });
    expect(ticket!.summary).toContain('厨房水龙头关不紧');
    expect(ticket!.department.name).toBe('维修部');
    // The owner is told the ticket's number (the ticket's own acceptance message).
    await toOwner(owner, (s) => s.includes(ticket!.number));

    // The unit is remembered: the next report offers it as one tap.
    await says(owner, '报修');
    const again = await toOwner(owner, (s) => s.includes('报修类别'));
    await taps(owner, dataOf(again, '公共区域'));
    await says(owner, '楼道灯不亮了');
    const photo2 = await toOwner(owner, (s) => s.includes('照片'));
    await taps(owner, dataOf(photo2, '跳过'));
    const unit = await toOwner(owner, (s) => s.includes('是否仍是房号 3栋2单元501'));
    await taps(owner, dataOf(unit, '是，3栋2单元501'));
    const both = await ticketsOf(conversationId);
    expect(both).toHaveLength(2);
    const second = both.find((x) => x.id !== ticket!.id)!;
    expect(second).toMatchObject({ location: '3栋2单元501' });
    expect(second.summary).toContain('楼道灯不亮了');
    await toOwner(owner, (s) => s.includes(second.number));
  });

  it('cancels a report when asked, leaving no ticket', async () => {
    const owner = zhOwner('取消业主');
    await says(owner, '报修');
    await toOwner(owner, (s) => s.includes('报修类别'));
    await says(owner, '取消');
    await toOwner(owner, (s) => s.includes('已取消'));
    expect(await ticketsOf(await conversationOf(owner))).toEqual([]);
  });

  it('hands what a report gathered to the agent when the owner asks for a person midway', async () => {
    const owner = zhOwner('中途转人工');
    await says(owner, '报修');
    await toOwner(owner, (s) => s.includes('报修类别'));
    await taps(owner, 'bot:cat:doors');
    await says(owner, '入户门锁芯坏了');
    await toOwner(owner, (s) => s.includes('照片'));
    await says(owner, '人工客服');
    await toOwner(owner, (s) => s.includes('已为您转接人工客服'));
    const note = (await messagesOf(await conversationOf(owner))).find((m) => m.meta.kind === 'bot.handoff');
    expect(note?.private).toBe(true);
    expect(note?.content).toContain('门窗/门禁');
    expect(note?.content).toContain('入户门锁芯坏了');
    expect(await ticketsOf(await conversationOf(owner))).toEqual([]);
  });

  it('turns an emergency word into an urgent ticket at once, alerts the lead and hands over to a person', async () => {
    const owner = zhOwner('紧急业主');
    await says(owner, '报修');
    await toOwner(owner, (s) => s.includes('报修类别'));
    await says(owner, '电梯困人了，快来！');
    await toOwner(owner, (s) => s.includes('已收到紧急情况') && s.includes('0571-8888 0000'));

    const conversationId = await conversationOf(owner);
    const [ticket] = await ticketsOf(conversationId);
    expect(ticket).toMatchObject({ priority: 'urgent', category: 'repair' });
    expect(ticket!.summary).toContain('电梯困人');
    const detail = (await hx.api<TicketDetailBody>(`/api/tickets/${ticket!.id}`)).body;
    expect(detail.notifications.some((n) => n.kind === 'emergency')).toBe(true);

    const note = (await messagesOf(conversationId)).find((m) => m.meta.kind === 'bot.handoff');
    expect(note).toMatchObject({ private: true });
    // Handed over: the bot no longer answers free words in this conversation.
    const before = (await messagesOf(conversationId)).filter((m) => m.sender.type === 'bot').length;
    await says(owner, '请问师傅多久到');
    expect((await messagesOf(conversationId)).filter((m) => m.sender.type === 'bot')).toHaveLength(before);
  });

  it('lists the owner’s open tickets and adds a later message to one', async () => {
    const owner = zhOwner('补充业主');
    await says(owner, '报修');
    await toOwner(owner, (s) => s.includes('报修类别'));
    await says(owner, '阳台门关不上');
    await taps(owner, 'bot:skip');
    await says(owner, '5栋1单元302');
    const conversationId = await conversationOf(owner);
    const [ticket] = await ticketsOf(conversationId);
    expect(ticket).toBeDefined();

    await says(owner, '我的工单');
    const list = await toOwner(owner, (s) => s.includes('您的未完成工单') && s.includes(ticket!.number));
    expect(String(list.params.text)).toContain('维修部');
    await taps(owner, dataOf(list, `补充 ${ticket!.number}`));
    await toOwner(owner, (s) => s.includes(`补充到工单 ${ticket!.number}`));
    const socket = await hx.socket();
    const updated = new Promise<unknown>((resolve) => socket.on('ticket.updated', (p: { ticketId?: string }) => p.ticketId === ticket!.id && resolve(p)));
    await says(owner, '门框下面的合页也松了');
    await toOwner(owner, (s) => s.includes('已补充到工单'));
    await updated;

    // Someone else cannot add to this ticket by typing its number.
    const stranger = zhOwner('别人');
    await says(stranger, '你好');
    await toOwner(stranger, (s) => s.includes('请选择您需要的服务'));
    await taps(stranger, `bot:note:${ticket!.number}`);
    await says(stranger, '我也要补充');
    await toOwner(stranger, (s) => s.includes('没有未完成的工单'));
  });

  it('hands over when asked; once an agent has answered, free words are theirs', async () => {
    const owner = zhOwner('人工业主');
    await says(owner, '转人工');
    await toOwner(owner, (s) => s.includes('已为您转接人工客服'));
    const conversationId = await conversationOf(owner);
    const reply = await hx.api(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content: '您好，我是客服小王' } });
    expect(reply.status).toBe(201);
    await toOwner(owner, (s) => s.includes('客服小王'));
    const bots = (await messagesOf(conversationId)).filter((m) => m.sender.type === 'bot').length;
    await says(owner, '我家热水器坏了');
    await says(owner, '你好');
    expect((await messagesOf(conversationId)).filter((m) => m.sender.type === 'bot')).toHaveLength(bots);
    // A command still works: the owner can start a report themselves.
    await says(owner, '/repair');
    await toOwner(owner, (s) => s.includes('报修类别'));
    await says(owner, '/cancel');
    await toOwner(owner, (s) => s.includes('已取消'));

    // Resolved: the owner's next words open a new conversation, where the bot answers again.
    expect((await hx.api(`/api/conversations/${conversationId}`, { method: 'PATCH', body: { status: 'resolved' } })).status).toBe(200);
    await says(owner, '你好');
    await toOwner(owner, (s) => s.includes('请选择您需要的服务'));
  });

  it('switches to English and answers in it', async () => {
    const owner = zhOwner('Lang');
    await says(owner, '/start');
    const menu = await toOwner(owner, (s) => s.includes('请选择您需要的服务'));
    await taps(owner, dataOf(menu, 'English'));
    await toOwner(owner, (s) => s.includes('English from now on'));
    await says(owner, 'repair');
    const category = await toOwner(owner, (s) => s.includes('What needs repairing?'));
    expect(buttons(category).length).toBeGreaterThan(3);
  });

  it('tells an owner writing after hours when the center opens, once per closed stretch', async () => {
    t.set(sh('2026-11-23T21:30'));
    try {
      const owner = zhOwner('夜间业主');
      await says(owner, '物业费怎么交？');
      const notice = await toOwner(owner, (s) => s.includes('下班'));
      expect(String(notice.params.text)).toContain('2026-11-24 08:30');
      expect(String(notice.params.text)).toContain('0571-8888 0000');
      t.advance(30 * MINUTE);
      await says(owner, '还有停车费');
      const conversationId = await conversationOf(owner);
      const notices = (await messagesOf(conversationId)).filter((m) => m.sender.type === 'bot' && m.content.includes('下班'));
      expect(notices).toHaveLength(1);
    } finally {
      t.set(sh('2026-11-23T09:30'));
    }
  });
});

describe('with the estate registry filled in', () => {
  beforeAll(async () => {
    expect((await hx.api('/api/bot/settings', { method: 'PUT', body: { enabled: true } })).status).toBe(200);
  });

  it('checks the unit of a report against it: an unknown one is asked again, a known one files the ticket', async () => {
    await importRoster(hx, '翠苑小区,8栋,1单元,602室,95,,,\n');
    const owner = zhOwner('核对房号');
    await reportUntilUnit(owner, 'electric', '客厅插座没电');
    await says(owner, '8栋1单元609');
    await toOwner(owner, (s) => s.includes('没有找到房号') && s.includes('8栋1单元609'));
    expect(await ticketsOf(await conversationOf(owner))).toEqual([]);
    // Written another way, the registry's unit is found.
    await says(owner, '8-1-602');
    const [ticket] = await ticketsOf(await conversationOf(owner));
    expect(ticket).toMatchObject({ location: '8-1-602' });
    expect(ticket!.summary).toContain('客厅插座没电');
  });
});
