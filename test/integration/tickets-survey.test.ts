/**
 * After resolution: the owner's Telegram survey (five buttons), the tap arriving as a
 * callback_query (acknowledged with answerCallbackQuery), a low score reopening the ticket and
 * alerting the supervisor, a good one closing it, the follow-up visit falling due and an
 * unanswered survey closing as "no feedback". No SMTP here: emails are recorded as not_configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepTickets } from '../../src/services/tickets/index.js';
import { createAgent, type TestAgent } from '../support/agents.js';
import { startFakeTelegram, type FakeCall, type FakeTelegram } from '../support/fake-telegram.js';
import { eventually, nextEvent, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate, type Owner } from '../support/telegram-updates.js';
import { buttonTap, departmentIdByName, HOUR, keyboardOf, MINUTE, ownerConversation, sh, testClock, type TicketBody, type TicketDetailBody } from '../support/tickets.js';

let tg: FakeTelegram;
let hx: TestServer;
let repairs: string;
let supervisor: TestAgent;
const t = testClock(sh('2026-11-23T09:00'));

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, clock: t.clock, env: { TICKET_SWEEP_CRON: 'off', AUTO_ASSIGN: 'false' } });
  repairs = await departmentIdByName(hx, '维修部');
  supervisor = await createAgent(hx, '钱主管', 'supervisor');
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

const toOwner = (owner: Owner, predicate: (text: string, call: FakeCall) => boolean = () => true) =>
  tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id) && predicate(String(c.params.text), c), 10_000);

/** An escalated and resolved ticket, and the survey message its owner received. */
async function resolvedTicket(text: string): Promise<{ ticket: TicketBody; owner: Owner; survey: FakeCall }> {
  const { conversationId, owner } = await ownerConversation(hx, text);
  const created = await hx.api<TicketBody>(`/api/conversations/${conversationId}/tickets`, {
    method: 'POST',
    body: { category: 'repair', priority: 'normal', departmentId: repairs, summary: text },
  });
  expect(created.status).toBe(201);
  await toOwner(owner, (s) => s.includes(created.body.number));
  const resolved = await hx.api<TicketBody>(`/api/tickets/${created.body.id}`, { method: 'PATCH', body: { status: 'resolved', version: created.body.version } });
  expect(resolved.status).toBe(200);
  const survey = await toOwner(owner, (_s, c) => keyboardOf(c.params).length > 0);
  return { ticket: resolved.body, owner, survey };
}

const dataFor = (survey: FakeCall, score: number) => keyboardOf(survey.params).flat().find((b) => b.text === String(score))?.callback_data ?? '';
const detail = async (id: string) => (await hx.api<TicketDetailBody>(`/api/tickets/${id}`)).body;

describe('the satisfaction survey on Telegram', () => {
  it('sends five buttons; a score of 1 reopens the ticket and alerts the supervisor', async () => {
    const { ticket, owner, survey } = await resolvedTicket('厨房下水道堵塞');
    expect(survey.params.text).toContain(ticket.number);
    expect(keyboardOf(survey.params).flat().map((b) => b.text)).toEqual(['1', '2', '3', '4', '5']);

    const socket = await hx.socket();
    const alert = nextEvent<{ ticketId: string; reason: string; level: number; recipients: { id: string }[] }>(socket, 'ticket.escalated', (p) => p.ticketId === ticket.id);
    const tap = buttonTap(owner, dataFor(survey, 1));
    expect((await hx.webhook(tap)).status).toBe(200);
    const ack = await tg.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === tap.callback_query?.id);
    expect(ack.error).toBeUndefined();
    expect(await alert).toMatchObject({ reason: 'dissatisfied', level: 2, recipients: [{ id: supervisor.id }] });
    await toOwner(owner, (s) => s.includes('重新处理') && s.includes(ticket.number));

    const d = await detail(ticket.id);
    expect(d.status).toBe('reopened');
    expect(d.followUp).toMatchObject({ score: 1, outcome: 'reopen' });
    expect(d.escalations.at(-1)).toMatchObject({ reason: 'dissatisfied', role: 'supervisor' });
    // Reopening starts a new resolution clock from now.
    expect(d.sla?.resolution.state).toBe('ok');
    expect(d.notifications.filter((n) => n.kind === 'dissatisfied' && n.channel === 'inbox').map((n) => n.recipient?.id)).toEqual([supervisor.id]);
    await eventually(async () => {
      const email = (await detail(ticket.id)).notifications.find((n) => n.kind === 'dissatisfied' && n.channel === 'email');
      return email?.status === 'not_configured' && /SMTP/.test(email.detail ?? '');
    });

    // A second tap on the same survey changes nothing, but is still acknowledged.
    const again = buttonTap(owner, dataFor(survey, 5));
    expect((await hx.webhook(again)).status).toBe(200);
    await tg.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === again.callback_query?.id);
    expect((await detail(ticket.id)).version).toBe(d.version);
  });

  it('ignores a tap on someone else’s survey', async () => {
    const { ticket, survey } = await resolvedTicket('单元门禁坏了');
    const stranger = newOwner('路人');
    const tap = buttonTap(stranger, dataFor(survey, 1));
    expect((await hx.webhook(tap)).status).toBe(200);
    await tg.waitFor('answerCallbackQuery', (c) => c.params.callback_query_id === tap.callback_query?.id);
    expect((await detail(ticket.id)).status).toBe('resolved');
  });

  it('a score of 5 completes the follow-up and closes the ticket; the next message is the comment', async () => {
    const { ticket, owner, survey } = await resolvedTicket('热水器不出热水');
    expect((await hx.webhook(buttonTap(owner, dataFor(survey, 5)))).status).toBe(200);
    await toOwner(owner, (s) => s.includes('感谢'));
    t.advance(2 * MINUTE);
    expect((await hx.webhook(textUpdate(owner, '师傅很专业，谢谢'))).status).toBe(200);
    const d = await detail(ticket.id);
    expect(d).toMatchObject({ status: 'closed', closeReason: 'satisfied' });
    expect(d.followUp).toMatchObject({ score: 5, outcome: 'satisfied', comment: '师傅很专业，谢谢' });
    expect(d.history.map((h) => h.to)).toEqual(['new', 'resolved', 'followed_up', 'closed']);
    expect(d.history.slice(-2).every((h) => h.actor.type === 'owner')).toBe(true);
  });
});

describe('a survey answered in words (email, forum, or typed)', () => {
  it('reads "4分" as a score and "未解决" as not solved', async () => {
    const happy = await resolvedTicket('走廊灯不亮');
    t.advance(MINUTE);
    expect((await hx.webhook(textUpdate(happy.owner, '4分'))).status).toBe(200);
    const unhappy = await resolvedTicket('信箱锁坏了');
    t.advance(MINUTE);
    expect((await hx.webhook(textUpdate(unhappy.owner, '未解决'))).status).toBe(200);
    const r = await sweepTickets(hx.deps, { now: t.now() });
    expect(r.surveyReplies).toBe(2);
    expect(await detail(happy.ticket.id)).toMatchObject({ status: 'closed', closeReason: 'satisfied', followUp: { score: 4, outcome: 'satisfied' } });
    expect(await detail(unhappy.ticket.id)).toMatchObject({ status: 'reopened', followUp: { score: null, solved: false, outcome: 'reopen' } });
    await toOwner(happy.owner, (text) => text.includes('感谢'));
  });
});

describe('follow-up timers', () => {
  it('announces the visit on the next working day and closes an unanswered survey as no feedback', async () => {
    t.set(sh('2026-11-27T16:00'));
    const { ticket } = await resolvedTicket('周五修好的窗户');
    const d0 = await detail(ticket.id);
    // Resolved Friday afternoon: the visit is due when Saturday opens.
    expect(d0.followUp?.dueAt).toBe(sh('2026-11-28T09:00').toISOString());
    const announced = async () => (await detail(ticket.id)).notifications.filter((n) => n.kind === 'follow_up_due' && n.channel === 'inbox');
    await sweepTickets(hx.deps, { now: sh('2026-11-28T08:59') });
    expect(await announced()).toEqual([]);
    await sweepTickets(hx.deps, { now: sh('2026-11-28T09:00') });
    expect((await announced()).map((n) => n.recipient?.id)).toEqual([d0.accountableAgent?.id]);
    await sweepTickets(hx.deps, { now: sh('2026-11-28T09:05') });
    expect(await announced()).toHaveLength(1);

    // Three days without an answer (the default): closed as "no feedback".
    const sentAt = sh('2026-11-27T16:00').getTime();
    await sweepTickets(hx.deps, { now: new Date(sentAt + 72 * HOUR - 1) });
    expect((await detail(ticket.id)).status).toBe('resolved');
    await sweepTickets(hx.deps, { now: new Date(sentAt + 72 * HOUR) });
    expect(await detail(ticket.id)).toMatchObject({ status: 'closed', closeReason: 'no_feedback', followUp: { outcome: 'no_feedback' } });
  });

  it('an agent records the visit by phone; a low score there reopens too', async () => {
    t.set(sh('2026-11-30T10:00'));
    const { ticket } = await resolvedTicket('空调外机噪音');
    const r = await hx.api<TicketBody>(`/api/tickets/${ticket.id}/follow-up`, { method: 'POST', body: { version: ticket.version, score: 2, note: '业主说仍有噪音' } });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('reopened');
    expect(r.body.followUp).toMatchObject({ score: 2, outcome: 'reopen', comment: '业主说仍有噪音' });
    const stale = await hx.api(`/api/tickets/${ticket.id}/follow-up`, { method: 'POST', body: { version: ticket.version, note: 'again' } });
    expect(stale.status).toBe(409);
  });
});
