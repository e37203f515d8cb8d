/**
 * The ticket API over HTTP: escalating a conversation, the owner's notice, the status machine
 * with its 409s, optimistic versions, 422s for unknown references, merge and split.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, type TestAgent } from '../support/agents.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { departmentIdByName, HOUR, MINUTE, ownerConversation, sh, testClock, type TicketBody, type TicketDetailBody } from '../support/tickets.js';

let tg: FakeTelegram;
let hx: TestServer;
let repairs: string;
let agent: TestAgent;
// Monday 09:00 in Shanghai, inside office hours.
const t = testClock(sh('2026-11-23T09:00'));

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot, clock: t.clock, env: { TICKET_SWEEP_CRON: 'off', AUTO_ASSIGN: 'false' } });
  repairs = await departmentIdByName(hx, '维修部');
  agent = await createAgent(hx, '李客服');
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

async function escalate(conversationId: string, body: Record<string, unknown> = {}) {
  return hx.api<TicketBody>(`/api/conversations/${conversationId}/tickets`, {
    method: 'POST',
    body: { category: 'repair', priority: 'normal', departmentId: repairs, summary: '卫生间水管漏水', ...body },
  });
}

async function patch(id: string, body: Record<string, unknown>, token?: string) {
  return hx.api<TicketBody & { error?: string; allowed?: string[] }>(`/api/tickets/${id}`, { method: 'PATCH', body, token });
}

describe('configuration', () => {
  it('seeds the five departments and the two calendars', async () => {
    const deps = await hx.api<{ data: { name: string; members: unknown[]; head: unknown }[] }>('/api/departments');
    expect(deps.body.data.map((d) => d.name)).toEqual(expect.arrayContaining(['维修部', '工程部', '财务部', '秩序部', '保洁部']));
    const cals = await hx.api<{ data: { id: string; alwaysOpen: boolean }[] }>('/api/calendars');
    expect(cals.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'always-open', alwaysOpen: true }), expect.objectContaining({ id: 'office-hours', alwaysOpen: false })]));
  });

  it('creates SLA policies, refusing unknown categories and calendars with 422', async () => {
    const ok = await hx.api<{ id: string; version: number }>('/api/sla-policies', {
      method: 'POST',
      body: { name: '投诉 加急', category: 'complaint', priority: 'high', calendarId: 'office-hours', firstResponseMinutes: 30, resolutionMinutes: 120, warnAtPercent: 50 },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.version).toBe(1);
    const badCategory = await hx.api('/api/sla-policies', { method: 'POST', body: { name: 'x', category: 'billing', priority: 'high', calendarId: 'office-hours', firstResponseMinutes: 1, resolutionMinutes: 2 } });
    expect(badCategory.status).toBe(422);
    const badCalendar = await hx.api('/api/sla-policies', { method: 'POST', body: { name: 'x', category: 'repair', priority: 'high', calendarId: 'nope', firstResponseMinutes: 1, resolutionMinutes: 2 } });
    expect(badCalendar.status).toBe(422);
  });
});

describe('escalating a conversation', () => {
  it('creates a numbered ticket with deadlines and tells the owner over Telegram', async () => {
    const { conversationId, owner } = await ownerConversation(hx, '卫生间水管漏水，楼下也渗水了');
    // The agent answers first: 首问负责制 makes them accountable whoever escalates.
    expect((await hx.api(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content: '您好，我们马上处理' }, token: agent.token })).status).toBe(201);
    const res = await escalate(conversationId, { location: '3栋1202' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'new', version: 1, category: 'repair', priority: 'normal', escalationLevel: 0, conversationIds: [conversationId] });
    expect(res.body.number).toBe('WO-20261123-0001');
    expect(res.body.accountableAgent).toEqual({ id: agent.id, name: '李客服' });
    // Default repair/normal: 60 working minutes to answer, 1440 to resolve (office hours with lunch).
    expect(res.body.dueAt.firstResponse).toBe(sh('2026-11-23T10:00').toISOString());
    expect(res.body.dueAt.resolution).toBe(sh('2026-11-26T10:30').toISOString());

    const notice = await tg.waitFor('sendMessage', (c) => String(c.params.chat_id) === String(owner.id) && String(c.params.text).includes('WO-20261123-0001'), 10_000);
    expect(notice.params.text).toContain('2026-11-23 10:00');

    const second = await escalate(conversationId, { category: 'complaint', priority: 'high', summary: '物业响应太慢' });
    expect(second.status).toBe(201);
    expect(second.body.number).toBe('WO-20261123-0002');
    // The policy created above (complaint/high, 30 min) is newer than the default: it applies.
    expect(second.body.policy?.name).toBe('投诉 加急');
    const listed = await hx.api<{ data: TicketBody[] }>(`/api/tickets?conversationId=${conversationId}&status=all`);
    expect(listed.body.data.map((x) => x.number).sort()).toEqual(['WO-20261123-0001', 'WO-20261123-0002']);
  });

  it('answers 422 for an unknown department or category and 404 for an unknown conversation', async () => {
    const { conversationId } = await ownerConversation(hx, '咨询停车费');
    expect((await escalate(conversationId, { departmentId: '00000000-0000-4000-8000-000000000000' })).status).toBe(422);
    expect((await escalate(conversationId, { departmentId: 'not-a-uuid' })).status).toBe(422);
    expect((await escalate(conversationId, { category: 'billing' })).status).toBe(422);
    expect((await escalate('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await escalate(conversationId, { priority: 'critical' })).status).toBe(400);
    const none = await hx.api<{ data: TicketBody[] }>(`/api/tickets?conversationId=${conversationId}&status=all`);
    expect(none.body.data).toHaveLength(0);
  });
});

describe('the status machine over HTTP', () => {
  it('walks new → dispatched → in progress → on hold → in progress → resolved, recording who and when', async () => {
    const { conversationId } = await ownerConversation(hx, '电梯异响');
    const created = (await escalate(conversationId)).body;
    let v = created.version;
    for (const status of ['dispatched', 'in_progress', 'on_hold']) {
      const r = await patch(created.id, { status, version: v });
      expect(r.status, status).toBe(200);
      expect(r.body.status).toBe(status);
      v = r.body.version;
    }
    const held = await hx.api<TicketBody>(`/api/tickets/${created.id}`);
    expect(held.body.sla?.paused).toBe(true);
    // Thirty working minutes on hold push the deadline thirty minutes later.
    t.advance(30 * MINUTE);
    const resumed = await patch(created.id, { status: 'in_progress', version: v, assigneeId: agent.id });
    expect(resumed.status).toBe(200);
    expect(new Date(resumed.body.dueAt.resolution!).getTime() - new Date(created.dueAt.resolution!).getTime()).toBe(30 * MINUTE);
    expect(resumed.body.assignee?.id).toBe(agent.id);
    const resolved = await patch(created.id, { status: 'resolved', version: resumed.body.version, note: '已更换轴承' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.followUp).not.toBeNull();

    const detail = await hx.api<TicketDetailBody>(`/api/tickets/${created.id}`);
    expect(detail.body.history.map((h) => h.to)).toEqual(['new', 'dispatched', 'in_progress', 'on_hold', 'in_progress', 'resolved']);
    expect(detail.body.history.at(-1)).toMatchObject({ from: 'in_progress', note: '已更换轴承', actor: { type: 'user' } });
  });

  it('answers an illegal transition with 409 and the allowed next states, changing nothing', async () => {
    const { conversationId } = await ownerConversation(hx, '门禁卡失效');
    const created = (await escalate(conversationId)).body;
    const r = await patch(created.id, { status: 'followed_up', version: created.version });
    expect(r.status).toBe(409);
    expect(r.body.allowed).toEqual(['dispatched', 'in_progress', 'on_hold', 'resolved', 'closed']);
    const same = await patch(created.id, { status: 'new', version: created.version });
    expect(same.status).toBe(409);
    const after = await hx.api<TicketBody>(`/api/tickets/${created.id}`);
    expect(after.body).toMatchObject({ status: 'new', version: created.version });
  });

  it('refuses a stale version with 409, so a second agent never overwrites the first', async () => {
    const { conversationId } = await ownerConversation(hx, '楼道灯坏了');
    const created = (await escalate(conversationId)).body;
    const first = await patch(created.id, { status: 'dispatched', version: created.version });
    expect(first.status).toBe(200);
    const second = await patch(created.id, { status: 'in_progress', version: created.version }, agent.token);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatch(/stale/);
    expect((await hx.api<TicketBody>(`/api/tickets/${created.id}`)).body.status).toBe('dispatched');
  });

  // On PostgreSQL the two requests really overlap (row lock, then the version check); PGlite serialises them.
  it('lets exactly one of two simultaneous changes of the same version through', async () => {
    const { conversationId } = await ownerConversation(hx, '地库积水');
    const created = (await escalate(conversationId)).body;
    const [a, b] = await Promise.all([
      patch(created.id, { status: 'dispatched', version: created.version }),
      patch(created.id, { status: 'in_progress', version: created.version }, agent.token),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const detail = await hx.api<TicketDetailBody>(`/api/tickets/${created.id}`);
    expect(detail.body.version).toBe(created.version + 1);
    expect(detail.body.history).toHaveLength(2);
  });

  it('answers 422 for an unknown department or assignee on PATCH', async () => {
    const { conversationId } = await ownerConversation(hx, '垃圾未清运');
    const created = (await escalate(conversationId)).body;
    expect((await patch(created.id, { departmentId: '00000000-0000-4000-8000-000000000000', version: created.version })).status).toBe(422);
    expect((await patch(created.id, { assigneeId: '00000000-0000-4000-8000-000000000000', version: created.version })).status).toBe(422);
    const cleaning = await departmentIdByName(hx, '保洁部');
    const moved = await patch(created.id, { departmentId: cleaning, version: created.version });
    expect(moved.status).toBe(200);
    expect(moved.body.department.name).toBe('保洁部');
  });
});

describe('who sees and works a ticket', () => {
  it('shows it to the agent of its conversation and to its department’s members, who may work it', async () => {
    const own = await createAgent(hx, '周专员', 'restricted_agent');
    const worker = await createAgent(hx, '郑师傅', 'restricted_agent');
    const { conversationId } = await ownerConversation(hx, '车位地锁坏了');
    expect((await hx.api(`/api/conversations/${conversationId}`, { method: 'PATCH', body: { assigneeId: own.id } })).status).toBe(200);
    const ticket = (await escalate(conversationId)).body;
    expect((await hx.api(`/api/tickets/${ticket.id}`, { token: own.token })).status).toBe(200);
    expect((await hx.api(`/api/tickets/${ticket.id}`, { token: worker.token })).status).toBe(404);
    // Writes follow the read rule: a ticket one may not read does not exist for them.
    expect((await patch(ticket.id, { status: 'in_progress', version: ticket.version }, worker.token)).status).toBe(404);

    const members = await hx.api(`/api/departments/${repairs}`, { method: 'PATCH', body: { memberIds: [worker.id] } });
    expect(members.status).toBe(200);
    const queue = await hx.api<{ data: TicketBody[] }>(`/api/tickets?departmentId=${repairs}`, { token: worker.token });
    expect(queue.body.data.map((x) => x.id)).toContain(ticket.id);
    expect((await patch(ticket.id, { status: 'in_progress', version: ticket.version }, worker.token)).status).toBe(200);
  });

  it('keeps the department head on the department’s tickets when an admin edits the member list', async () => {
    const head = await createAgent(hx, '王班长', 'restricted_agent');
    const other = await createAgent(hx, '李师傅', 'restricted_agent');
    const dep = await hx.api<{ id: string }>('/api/departments', { method: 'POST', body: { name: `绿化部-${head.id.slice(0, 4)}`, headId: head.id } });
    expect(dep.status).toBe(201);
    const { conversationId } = await ownerConversation(hx, '草坪没人修剪');
    const ticket = (await escalate(conversationId, { departmentId: dep.body.id })).body;
    expect((await hx.api(`/api/tickets/${ticket.id}`, { token: head.token })).status).toBe(200);

    // The admin replaces the members and leaves the head out of the list.
    const edited = await hx.api<{ head: { id: string } | null; members: { id: string }[] }>(`/api/departments/${dep.body.id}`, { method: 'PATCH', body: { memberIds: [other.id] } });
    expect(edited.status).toBe(200);
    expect(edited.body.head?.id).toBe(head.id);
    expect(edited.body.members.map((m) => m.id).sort()).toEqual([head.id, other.id].sort());
    const queue = await hx.api<{ data: TicketBody[] }>(`/api/tickets?departmentId=${dep.body.id}`, { token: head.token });
    expect(queue.body.data.map((x) => x.id)).toContain(ticket.id);
    expect((await patch(ticket.id, { status: 'in_progress', version: ticket.version }, head.token)).status).toBe(200);
  });
});

describe('several conversations, several tickets', () => {
  it('merges a duplicate ticket in and splits a conversation off again', async () => {
    const a = await ownerConversation(hx, '小区东门噪音扰民');
    const b = await ownerConversation(hx, '东门晚上施工太吵');
    const ta = (await escalate(a.conversationId, { category: 'complaint', summary: '东门噪音' })).body;
    const tb = (await escalate(b.conversationId, { category: 'complaint', summary: '东门施工噪音' })).body;
    const merged = await hx.api<TicketBody>(`/api/tickets/${ta.id}/merge`, { method: 'POST', body: { sourceId: tb.id, version: ta.version } });
    expect(merged.status).toBe(200);
    expect(merged.body.conversationIds.sort()).toEqual([a.conversationId, b.conversationId].sort());
    const source = await hx.api<TicketBody>(`/api/tickets/${tb.id}`);
    expect(source.body).toMatchObject({ status: 'closed', closeReason: 'merged', mergedIntoId: ta.id });

    const split = await hx.api<{ original: TicketBody; created: TicketBody }>(`/api/tickets/${ta.id}/split`, {
      method: 'POST',
      body: { conversationIds: [b.conversationId], version: merged.body.version },
    });
    expect(split.status).toBe(201);
    expect(split.body.original.conversationIds).toEqual([a.conversationId]);
    expect(split.body.created.conversationIds).toEqual([b.conversationId]);
    expect(split.body.created.number).not.toBe(ta.number);
    // Nothing may be left behind: splitting off the last conversation is refused.
    const none = await hx.api(`/api/tickets/${ta.id}/split`, { method: 'POST', body: { conversationIds: [a.conversationId], version: split.body.original.version } });
    expect(none.status).toBe(422);
  });

  it('keeps each policy version for the tickets created under it', async () => {
    const v1 = await hx.api<{ id: string }>('/api/sla-policies', {
      method: 'POST',
      body: { name: '建议', category: 'suggestion', priority: 'low', calendarId: 'always-open', firstResponseMinutes: 60, resolutionMinutes: 600 },
    });
    const { conversationId } = await ownerConversation(hx, '建议增加快递柜');
    t.advance(MINUTE);
    const before = (await escalate(conversationId, { category: 'suggestion', priority: 'low' })).body;
    t.advance(MINUTE);
    const v2 = await hx.api<{ version: number }>(`/api/sla-policies/${v1.body.id}/versions`, { method: 'POST', body: { resolutionMinutes: 60 } });
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    t.advance(MINUTE);
    const after = (await escalate(conversationId, { category: 'suggestion', priority: 'low' })).body;
    expect(before.policy?.version).toBe(1);
    expect(after.policy?.version).toBe(2);
    const reread = await hx.api<TicketBody>(`/api/tickets/${before.id}`);
    expect(new Date(reread.body.dueAt.resolution!).getTime() - new Date(reread.body.dueAt.firstResponse!).getTime()).toBe(540 * MINUTE);
    t.advance(HOUR);
  });
});

it('describes the ticket API in OpenAPI', async () => {
  const spec = await hx.api<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>('/api/openapi.json', { token: null });
  for (const path of ['/api/conversations/{id}/tickets', '/api/tickets', '/api/tickets/{id}', '/api/departments', '/api/calendars', '/api/sla-policies', '/api/tickets/{id}/merge', '/api/tickets/{id}/split']) {
    expect(spec.body.paths[path], path).toBeDefined();
  }
  expect(Object.keys(spec.body.paths['/api/tickets/{id}']?.patch?.responses ?? {})).toEqual(expect.arrayContaining(['200', '409', '422']));
});
