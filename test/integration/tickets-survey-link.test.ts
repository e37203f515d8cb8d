/**
 * The survey on a channel without buttons: an email owner's resolved ticket sends a survey
 * message carrying a signed link; the page (no JavaScript) shows the form on GET and records
 * on POST through the same answer path as the Telegram buttons. Forged, expired and repeated
 * submissions are refused with nothing stored.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureInbox } from '../../src/services/bootstrap.js';
import { receiveInbound } from '../../src/services/receive-inbound.js';
import { createAgent } from '../support/agents.js';
import { startTestServer, type TestServer } from '../support/huixin.js';
import { departmentIdByName, sh, testClock, type TicketBody, type TicketDetailBody } from '../support/tickets.js';

let hx: TestServer;
let emailInbox: string;
let repairs: string;
const t = testClock(sh('2026-11-23T09:00'));
const DAY = 24 * 3600_000;

beforeAll(async () => {
  hx = await startTestServer({ clock: t.clock, env: { TICKET_SWEEP_CRON: 'off' } });
  // An email inbox without IMAP: the owner's mail is handed to the intake directly.
  emailInbox = await ensureInbox(hx.deps.db, 'email', 'service@survey.test', '客服邮箱');
  repairs = await departmentIdByName(hx, '维修部');
  await createAgent(hx, '孙主管', 'supervisor');
});

afterAll(async () => {
  await hx?.close();
});

interface MessageBody {
  id: string;
  content: string;
  direction: string;
  meta: Record<string, unknown>;
}

/** An owner's email escalated to a ticket and resolved; returns the ticket and the survey URL. */
async function resolvedEmailTicket(text: string): Promise<{ ticket: TicketBody; conversationId: string; url: string; survey: MessageBody }> {
  const address = `owner-${randomUUID().slice(0, 8)}@owners.test`;
  const externalId = `<${randomUUID()}@owners.test>`;
  await receiveInbound(hx.deps, [
    {
      kind: 'message',
      channel: 'email',
      inboxId: emailInbox,
      externalId,
      threadKey: externalId,
      author: { externalId: address, name: address, email: address },
      subject: text,
      text,
      contentType: 'text',
      attachments: [],
      sentAt: t.now(),
      raw: {},
    },
  ]);
  const list = await hx.api<{ data: { id: string; contact: { name: string } }[] }>('/api/conversations?status=all&limit=100');
  const conversationId = list.body.data.find((c) => c.contact.name === address)?.id;
  if (!conversationId) throw new Error('no conversation for the email');
  const created = await hx.api<TicketBody>(`/api/conversations/${conversationId}/tickets`, {
    method: 'POST',
    body: { category: 'repair', priority: 'normal', departmentId: repairs, summary: text },
  });
  expect(created.status).toBe(201);
  const resolved = await hx.api<TicketBody>(`/api/tickets/${created.body.id}`, { method: 'PATCH', body: { status: 'resolved', version: created.body.version } });
  expect(resolved.status).toBe(200);
  const messages = await hx.api<{ data: MessageBody[] }>(`/api/conversations/${conversationId}/messages`);
  const survey = messages.body.data.find((m) => m.meta.kind === 'ticket.survey');
  if (!survey) throw new Error('no survey message');
  const url = /https?:\/\/\S+\/survey\/\S+/.exec(survey.content)?.[0];
  if (!url) throw new Error(`no survey link in: ${survey.content}`);
  return { ticket: resolved.body, conversationId, url, survey };
}

const get = (url: string, lang?: string) => fetch(lang ? `${url}?lang=${lang}` : url);
const post = (url: string, form: Record<string, string>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), redirect: 'manual' });
const detail = async (id: string) => (await hx.api<TicketDetailBody>(`/api/tickets/${id}`)).body;

describe('the survey link on email', () => {
  it('carries a link whose page records a score of 1 once, reopening the ticket', async () => {
    const { ticket, conversationId, url, survey } = await resolvedEmailTicket('楼道灯不亮');
    expect(survey.content).toContain(ticket.number);
    expect(url.startsWith(`${hx.url}/survey/`)).toBe(true);

    const form = await get(url);
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain(ticket.number);
    expect(page).toContain('<form method="post"');
    expect(page).toContain('name="score"');
    expect(page).toContain('value="no"');
    expect(page).not.toContain('<script');
    expect(await (await get(url, 'en')).text()).toContain('Not solved');
    // Showing the form records nothing.
    expect((await detail(ticket.id)).status).toBe('resolved');

    const missing = await post(url, { solved: 'no' });
    expect(missing.status).toBe(400);
    expect((await detail(ticket.id)).followUp?.score).toBeNull();

    const answered = await post(url, { score: '1', solved: 'no', comment: '灯还是不亮' });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('重新处理');
    const after = await detail(ticket.id);
    expect(after.status).toBe('reopened');
    expect(after.escalationLevel).toBeGreaterThanOrEqual(2);
    expect(after.escalations.some((e) => e.reason === 'dissatisfied')).toBe(true);
    expect(after.followUp).toMatchObject({ score: 1, solved: false, comment: '灯还是不亮', outcome: 'reopen' });
    // The owner's answer is acknowledged on their channel, as for the Telegram buttons.
    const messages = await hx.api<{ data: MessageBody[] }>(`/api/conversations/${conversationId}/messages`);
    expect(messages.body.data.some((m) => m.meta.kind === 'ticket.survey.reply')).toBe(true);

    const again = await post(url, { score: '5', solved: 'yes' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('无需再次提交');
    const repeated = await get(url);
    expect(await repeated.text()).toContain('无需再次提交');
    const unchanged = await detail(ticket.id);
    expect(unchanged.followUp).toMatchObject({ score: 1, outcome: 'reopen' });
    expect(unchanged.version).toBe(after.version);
  });

  it('a good score closes the ticket as satisfied', async () => {
    const { ticket, url } = await resolvedEmailTicket('电梯异响');
    const res = await post(url, { score: '5', solved: 'yes' });
    expect(res.status).toBe(200);
    const after = await detail(ticket.id);
    expect(after.status).toBe('closed');
    expect(after.closeReason).toBe('satisfied');
    expect(after.followUp).toMatchObject({ score: 5, solved: true, outcome: 'satisfied' });
  });

  it('refuses forged and expired links, storing nothing', async () => {
    const { ticket, url } = await resolvedEmailTicket('水压不足');
    const [base, token] = url.split('/survey/') as [string, string];
    const [id, exp, sig] = token.split('.') as [string, string, string];
    const forged = [
      `${base}/survey/${id}.${(parseInt(exp, 36) + 86_400 * 30).toString(36)}.${sig}`,
      `${base}/survey/${id}.${exp}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`,
      `${base}/survey/${randomUUID()}.${exp}.${sig}`,
      `${base}/survey/not-a-token`,
    ];
    for (const u of forged) {
      const g = await get(u);
      expect(g.status).toBe(404);
      expect(await g.text()).toContain('链接无效');
      expect((await post(u, { score: '1', solved: 'no' })).status).toBe(404);
    }
    expect((await detail(ticket.id)).status).toBe('resolved');

    t.advance(30 * DAY);
    try {
      const g = await get(url, 'en');
      expect(g.status).toBe(410);
      expect(await g.text()).toContain('Link expired');
      expect((await post(url, { score: '1', solved: 'no' })).status).toBe(410);
    } finally {
      t.advance(-30 * DAY);
    }
    const after = await detail(ticket.id);
    expect(after.status).toBe('resolved');
    expect(after.followUp).toMatchObject({ score: null, outcome: null });
  });
});
