/**
 * Time limits with a controlled clock: the SLA sweep runs at chosen instants, each new
 * "at risk" or "breached" climbs the ladder one rung (team lead → supervisor → manager),
 * every rung is told live and by email (a real SMTP sink), and a paused ticket never climbs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepTickets } from '../../src/services/tickets/index.js';
import { createAgent, type TestAgent } from '../support/agents.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { ADMIN, eventually, nextEvent, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { departmentIdByName, ownerConversation, sh, testClock, type TicketBody, type TicketDetailBody } from '../support/tickets.js';

let tg: FakeTelegram;
let sink: SmtpSink;
let hx: TestServer;
let repairs: string;
let lead: TestAgent;
let supervisor: TestAgent;
const t = testClock(sh('2026-11-23T09:00'));

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  sink = await startSmtpSink();
  hx = await startTestServer({
    telegramApiRoot: tg.apiRoot,
    clock: t.clock,
    env: { TICKET_SWEEP_CRON: 'off', AUTO_ASSIGN: 'false', SMTP_HOST: sink.host, SMTP_PORT: String(sink.port), SMTP_SECURE: 'false', EMAIL_FROM: 'Huixin <huixin@example.com>' },
  });
  repairs = await departmentIdByName(hx, '维修部');
  lead = await createAgent(hx, '王班长');
  supervisor = await createAgent(hx, '赵主管', 'supervisor');
  const head = await hx.api(`/api/departments/${repairs}`, { method: 'PATCH', body: { headId: lead.id } });
  expect(head.status).toBe(200);
  // Repairs, high: 60 working minutes to answer, 240 to resolve, warn at 80 %.
  const policy = await hx.api('/api/sla-policies', {
    method: 'POST',
    body: { name: '报修 高', category: 'repair', priority: 'high', calendarId: 'office-hours', firstResponseMinutes: 60, resolutionMinutes: 240, warnAtPercent: 80 },
  });
  expect(policy.status).toBe(201);
});

afterAll(async () => {
  await hx?.close();
  await sink?.stop();
  await tg?.close();
});

async function escalate(summary: string): Promise<TicketBody> {
  const { conversationId } = await ownerConversation(hx, summary);
  const res = await hx.api<TicketBody>(`/api/conversations/${conversationId}/tickets`, {
    method: 'POST',
    body: { category: 'repair', priority: 'high', departmentId: repairs, summary },
  });
  expect(res.status).toBe(201);
  return res.body;
}

const sweep = (local: string) => sweepTickets(hx.deps, { now: sh(local) });
const mailTo = (who: { email: string }, number: string) => sink.waitForMessage((m) => m.envelope.rcptTo.includes(who.email) && String(m.parsed.subject).includes(number), 10_000);

describe('the escalation ladder', () => {
  it('climbs one rung per new event, tells each rung live and by email, and never twice', async () => {
    const ticket = await escalate('配电房跳闸，整栋楼停电');
    expect(ticket.dueAt.firstResponse).toBe(sh('2026-11-23T10:00').toISOString());
    expect(ticket.dueAt.resolution).toBe(sh('2026-11-23T14:30').toISOString());
    const socket = await hx.socket();

    expect((await sweep('2026-11-23T09:47')).escalations).toEqual([]);

    // 80 % of the first hour: at risk → team lead (the department head).
    const atRisk = nextEvent<{ ticketId: string; level: number; reason: string; target: string; recipients: { id: string }[] }>(socket, 'ticket.escalated', (p) => p.ticketId === ticket.id);
    const r1 = await sweep('2026-11-23T09:48');
    expect(r1.escalations).toEqual([expect.objectContaining({ ticketId: ticket.id, level: 1, reason: 'at_risk', target: 'first_response' })]);
    expect(await atRisk).toMatchObject({ level: 1, reason: 'at_risk', target: 'first_response', recipients: [{ id: lead.id }] });
    await mailTo(lead, ticket.number);
    // The same instant again: already recorded, nothing new.
    expect((await sweep('2026-11-23T09:48')).escalations).toEqual([]);

    // Past 10:00 without an answer: breached → supervisor.
    const breach = nextEvent<{ level: number; reason: string }>(socket, 'ticket.escalated', (p) => p.reason === 'breached');
    expect((await sweep('2026-11-23T10:01')).escalations).toEqual([expect.objectContaining({ level: 2, reason: 'breached', target: 'first_response' })]);
    expect(await breach).toMatchObject({ level: 2 });
    await mailTo(supervisor, ticket.number);

    // An agent answers (late); the resolution clock keeps running, across lunch.
    t.set(sh('2026-11-23T10:05'));
    expect((await hx.api(`/api/conversations/${ticket.originConversationId}/messages`, { method: 'POST', body: { content: '电工已出发' } })).status).toBe(201);
    expect((await sweep('2026-11-23T12:45')).escalations).toEqual([]);
    expect((await sweep('2026-11-23T13:42')).escalations).toEqual([expect.objectContaining({ level: 3, reason: 'at_risk', target: 'resolution' })]);
    await mailTo({ email: ADMIN.email }, ticket.number);
    // At the top the manager is told again, without a higher rung.
    expect((await sweep('2026-11-23T14:31')).escalations).toEqual([expect.objectContaining({ level: 3, reason: 'breached', target: 'resolution', climbed: false })]);

    t.set(sh('2026-11-23T14:31'));
    const detail = await hx.api<TicketDetailBody>(`/api/tickets/${ticket.id}`);
    expect(detail.body.escalationLevel).toBe(3);
    expect(detail.body.escalationRole).toBe('manager');
    expect(detail.body.sla?.firstResponse).toMatchObject({ state: 'breached', done: true });
    expect(detail.body.sla?.resolution.state).toBe('breached');
    expect(detail.body.escalations.map((e) => [e.level, e.reason, e.target])).toEqual([
      [1, 'at_risk', 'first_response'],
      [2, 'breached', 'first_response'],
      [3, 'at_risk', 'resolution'],
      [3, 'breached', 'resolution'],
    ]);
    await eventually(async () => {
      const d = await hx.api<TicketDetailBody>(`/api/tickets/${ticket.id}`);
      const emails = d.body.notifications.filter((n) => n.channel === 'email');
      return emails.length === 4 && emails.every((n) => n.status === 'sent');
    });
    expect(detail.body.notifications.filter((n) => n.channel === 'inbox').map((n) => n.recipient?.id)).toEqual([lead.id, supervisor.id, expect.any(String), expect.any(String)]);
  });

  it('does not climb while the ticket waits on the owner (on hold), and counts on after', async () => {
    t.set(sh('2026-11-24T09:00'));
    const ticket = await escalate('阳台漏水，等业主回家开门');
    const held = await hx.api<TicketBody>(`/api/tickets/${ticket.id}`, { method: 'PATCH', body: { status: 'on_hold', version: ticket.version } });
    expect(held.status).toBe(200);
    // A whole day on hold: nothing is at risk.
    expect((await sweep('2026-11-24T17:00')).escalations.filter((e) => e.ticketId === ticket.id)).toEqual([]);
    t.set(sh('2026-11-25T09:00'));
    const resumed = await hx.api<TicketBody>(`/api/tickets/${ticket.id}`, { method: 'PATCH', body: { status: 'dispatched', version: held.body.version } });
    expect(resumed.status).toBe(200);
    // The hold paused the clock from Tuesday 09:00 to Wednesday 09:00: the answer is due Wednesday 10:00.
    expect(resumed.body.dueAt.firstResponse).toBe(sh('2026-11-25T10:00').toISOString());
    expect((await sweep('2026-11-25T09:47')).escalations.filter((e) => e.ticketId === ticket.id)).toEqual([]);
    expect((await sweep('2026-11-25T09:48')).escalations.filter((e) => e.ticketId === ticket.id)).toEqual([expect.objectContaining({ level: 1, reason: 'at_risk' })]);
  });

  it('counts only office hours: a ticket from Friday evening is due after Saturday’s opening', async () => {
    t.set(sh('2026-11-27T18:00'));
    const ticket = await escalate('周五晚上报修：门锁坏了');
    // Saturday 09:00-12:00 is open: 60 minutes after Saturday's opening.
    expect(ticket.dueAt.firstResponse).toBe(sh('2026-11-28T10:00').toISOString());
    expect((await sweep('2026-11-28T08:59')).escalations.filter((e) => e.ticketId === ticket.id)).toEqual([]);
  });
});
