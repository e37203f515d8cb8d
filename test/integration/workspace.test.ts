/**
 * The agent workspace's REST side: canned replies with variables, tone check, labels,
 * priority, snooze, bulk actions, filters with unread counts, notes with live @mentions,
 * Chinese search, phone/visit logging, the contact sidebar and a reversible merge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, type TestAgent } from '../support/agents.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { nextEvent, startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate, type Owner } from '../support/telegram-updates.js';

interface Conv {
  id: string;
  contact: { id: string; name: string };
  assignee: { id: string } | null;
  status: string;
  channel: string;
  priority: string;
  labelIds: string[];
  snoozedUntil: string | null;
  unreadCount: number;
}
interface Page {
  data: Conv[];
}

let tg: FakeTelegram;
let hx: TestServer;
let li: TestAgent;
const convs: Record<string, Conv> = {};
const owners: Record<string, Owner> = {};

async function ownerWrites(key: string, first: string, last: string, text: string): Promise<Conv> {
  owners[key] = newOwner(first, last);
  expect((await hx.webhook(textUpdate(owners[key], text))).status).toBe(200);
  const page = await hx.api<Page>('/api/conversations?status=all&limit=100');
  const conv = page.body.data.find((c) => c.contact.name === `${first} ${last}`);
  if (!conv) throw new Error('conversation not listed');
  return conv;
}

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot });
  li = await createAgent(hx, '李娜');
  convs.leak = await ownerWrites('leak', '陈', '业主', '您好，3栋2单元厨房漏水，楼下也漏水了');
  convs.noise = await ownerWrites('noise', '王', '先生', '晚上装修噪音太大 Noise after 10pm');
  convs.park = await ownerWrites('park', '赵', '女士', '地下车库B2的灯坏了');
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

describe('canned replies', () => {
  it('are seeded with the standard phrases in both languages and render variables for a conversation', async () => {
    const list = await hx.api<{ data: { shortcode: string; locale: string; scope: string; content: string }[] }>('/api/canned-replies');
    const hello = list.body.data.filter((r) => r.shortcode === 'hello');
    expect(hello.map((r) => r.locale).sort()).toEqual(['en', 'zh-CN']);
    expect(hello.every((r) => r.scope === 'team')).toBe(true);

    const zh = hello.find((r) => r.locale === 'zh-CN')!;
    const rendered = await hx.api<{ text: string; unknown: string[]; missing: string[] }>(`/api/conversations/${convs.leak!.id}/render`, {
      method: 'POST',
      body: { text: zh.content },
      token: li.token,
    });
    expect(rendered.status).toBe(200);
    expect(rendered.body.text).toBe('陈 业主您好，这里是Telegram，我是客服代表李娜，很高兴为您服务。');
    expect(rendered.body.missing).toEqual([]);

    // No ticket yet: the ticket variables stay visible and are reported, as is a typo.
    const promise = await hx.api<{ text: string; unknown: string[]; missing: string[] }>(`/api/conversations/${convs.leak!.id}/render`, {
      method: 'POST',
      body: { text: '工单 {{ticket.number}}，{{contact.nmae}}' },
    });
    expect(promise.body.missing).toEqual(['ticket.number']);
    expect(promise.body.unknown).toEqual(['contact.nmae']);
  });

  it('keeps personal replies personal and team replies to managers', async () => {
    const mine = await hx.api<{ id: string; scope: string }>('/api/canned-replies', {
      method: 'POST',
      token: li.token,
      body: { shortcode: 'bye', title: '结束语', content: '感谢您的来电，再见', locale: 'zh-CN', folder: '结束', scope: 'personal' },
    });
    expect(mine.status).toBe(201);
    const team = await hx.api('/api/canned-replies', { method: 'POST', token: li.token, body: { shortcode: 'x', title: 'x', content: 'x', locale: 'en', scope: 'team' } });
    expect(team.status).toBe(403);
    const dup = await hx.api('/api/canned-replies', { method: 'POST', token: li.token, body: { shortcode: 'bye', title: 'y', content: 'y', locale: 'zh-CN', scope: 'personal' } });
    expect(dup.status).toBe(409);
    const adminList = await hx.api<{ data: { id: string }[] }>('/api/canned-replies');
    expect(adminList.body.data.some((r) => r.id === mine.body.id)).toBe(false);
    expect((await hx.api('/api/canned-replies', { method: 'POST', body: { shortcode: 'bad code!', title: 'x', content: 'x', locale: 'en' } })).status).toBe(400);
  });
});

describe('tone check', () => {
  it('flags forbidden phrasing and follows edited rules', async () => {
    const r = await hx.api<{ findings: { match: string; category: string }[] }>('/api/tone-check', { method: 'POST', body: { text: '这不归我们管，你自己去查' } });
    expect(r.body.findings.map((f) => f.category)).toEqual(['refuse_responsibility', 'curt']);
    expect((await hx.api('/api/settings/tone-rules', { method: 'PUT', body: { rules: [{ pattern: '(bad', regex: true, category: 'curt' }] } })).status).toBe(400);
    expect((await hx.api('/api/settings/tone-rules', { method: 'PUT', token: li.token, body: { rules: [] } })).status).toBe(403);
    expect((await hx.api('/api/settings/tone-rules', { method: 'PUT', body: { rules: [{ pattern: '随便', category: 'curt' }] } })).status).toBe(200);
    const after = await hx.api<{ findings: unknown[] }>('/api/tone-check', { method: 'POST', body: { text: '随便你，不归我管' } });
    expect(after.body.findings).toHaveLength(1);
  });
});

describe('triage', () => {
  it('labels, prioritises and snoozes; filters and unread counts follow', async () => {
    const label = await hx.api<{ id: string }>('/api/labels', { method: 'POST', body: { name: '报修', color: '#d9480f' } });
    expect(label.status).toBe(201);
    expect((await hx.api('/api/labels', { method: 'POST', body: { name: '报修' } })).status).toBe(409);

    const socket = await hx.socket();
    const updated = nextEvent<{ conversation: Conv }>(socket, 'conversation.updated', (p) => p.conversation.id === convs.leak!.id);
    const patched = await hx.api<Conv>(`/api/conversations/${convs.leak!.id}/triage`, { method: 'PATCH', body: { priority: 'urgent', addLabelIds: [label.body.id] } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ priority: 'urgent', labelIds: [label.body.id] });
    expect((await updated).conversation.priority).toBe('urgent');

    const byLabel = await hx.api<Page>(`/api/conversations?status=all&labelId=${label.body.id}`);
    expect(byLabel.body.data.map((c) => c.id)).toEqual([convs.leak!.id]);
    expect((await hx.api<Page>('/api/conversations?status=all&priority=urgent')).body.data.map((c) => c.id)).toEqual([convs.leak!.id]);
    expect((await hx.api(`/api/conversations/${convs.leak!.id}/triage`, { method: 'PATCH', body: { addLabelIds: ['00000000-0000-4000-8000-000000000000'] } })).status).toBe(422);

    const past = await hx.api(`/api/conversations/${convs.noise!.id}/triage`, { method: 'PATCH', body: { snoozedUntil: '2000-01-01T00:00:00Z' } });
    expect(past.status).toBe(422);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await hx.api(`/api/conversations/${convs.noise!.id}/triage`, { method: 'PATCH', body: { snoozedUntil: until } });
    expect((await hx.api<Page>('/api/conversations?status=all&snoozed=true')).body.data.map((c) => c.id)).toEqual([convs.noise!.id]);
    expect((await hx.api<Page>('/api/conversations?status=all&snoozed=false')).body.data.map((c) => c.id)).not.toContain(convs.noise!.id);

    // The owner writes again: the snooze ends at once.
    const woke = nextEvent<{ conversation: Conv }>(socket, 'conversation.updated', (p) => p.conversation.id === convs.noise!.id && p.conversation.snoozedUntil === null);
    await hx.webhook(textUpdate(owners.noise!, '还是很吵'));
    await woke;

    const view = await hx.api<{ id: string }>('/api/saved-views', { method: 'POST', body: { name: '紧急报修', filter: { status: 'all', priority: 'urgent' } } });
    expect(view.status).toBe(201);
    const counts = await hx.api<{ counts: Record<string, number> }>('/api/views/counts');
    expect(counts.body.counts[view.body.id]).toBe(1);
    expect(counts.body.counts.unassigned).toBe(3);
    await hx.api(`/api/conversations/${convs.leak!.id}/read`, { method: 'POST' });
    expect((await hx.api<{ counts: Record<string, number> }>('/api/views/counts')).body.counts[view.body.id]).toBe(0);
  });

  it('applies bulk actions to a selection', async () => {
    const ids = [convs.noise!.id, convs.park!.id];
    const r = await hx.api<{ updated: number }>('/api/conversations/bulk', { method: 'POST', body: { ids, assigneeId: li.id, priority: 'high' } });
    expect(r.body.updated).toBe(2);
    const mine = await hx.api<Page>('/api/conversations?status=all&assignee=me', { token: li.token });
    expect(mine.body.data.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(mine.body.data.every((c) => c.priority === 'high')).toBe(true);
    await hx.api('/api/conversations/bulk', { method: 'POST', body: { ids, status: 'resolved' } });
    expect((await hx.api<Page>('/api/conversations?status=resolved')).body.data.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect((await hx.api('/api/conversations/bulk', { method: 'POST', body: { ids: [] } })).status).toBe(400);
  });
});

describe('notes with @mentions', () => {
  it('stores a private note and notifies the mentioned agent live', async () => {
    const liSocket = await hx.socket(li.token);
    const mentioned = nextEvent<{ mention: { userId: string; conversationId: string; by: { name: string }; excerpt: string } }>(liSocket, 'mention.created');
    const note = await hx.api<{ private: boolean; delivery: unknown }>(`/api/conversations/${convs.leak!.id}/notes`, {
      method: 'POST',
      body: { content: '@李娜 请联系维修部上门查看', mentions: [li.id] },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ private: true, delivery: null });
    const event = await mentioned;
    expect(event.mention).toMatchObject({ userId: li.id, conversationId: convs.leak!.id, excerpt: '@李娜 请联系维修部上门查看' });
    const unread = await hx.api<{ data: { conversationId: string }[] }>('/api/mentions', { token: li.token });
    expect(unread.body.data.map((m) => m.conversationId)).toEqual([convs.leak!.id]);
    await hx.api(`/api/conversations/${convs.leak!.id}/mentions/read`, { method: 'POST', token: li.token });
    expect((await hx.api<{ data: unknown[] }>('/api/mentions', { token: li.token })).body.data).toHaveLength(0);
    const bad = await hx.api(`/api/conversations/${convs.leak!.id}/notes`, { method: 'POST', body: { content: 'x', mentions: ['00000000-0000-4000-8000-000000000000'] } });
    expect(bad.status).toBe(422);
  });
});

interface Hits {
  messages: { conversationId: string; snippet: { text: string; highlights: [number, number][] } }[];
  contacts: { id: string; name: string }[];
}

describe('search', () => {
  const search = (q: string, token?: string) => hx.api<Hits>(`/api/search?q=${encodeURIComponent(q)}`, { token });

  it('finds Chinese text by one, two and more characters, with highlights', async () => {
    const two = await search('漏水');
    expect(two.body.messages.map((m) => m.conversationId)).toContain(convs.leak!.id);
    const hit = two.body.messages.find((m) => m.conversationId === convs.leak!.id)!;
    expect(hit.snippet.highlights.map(([a, b]) => hit.snippet.text.slice(a, b))).toEqual(['漏水', '漏水']);
    expect((await search('地下车库')).body.messages.map((m) => m.conversationId)).toEqual([convs.park!.id]);
    expect((await search('b2的灯')).body.messages.map((m) => m.conversationId)).toEqual([convs.park!.id]);
    expect((await search('noise AFTER')).body.messages.map((m) => m.conversationId)).toEqual([convs.noise!.id]);
    expect((await search('噪')).body.messages.map((m) => m.conversationId)).toEqual([convs.noise!.id]);
    expect((await search('100%')).body.messages).toEqual([]);
    expect((await search('赵 女士')).body.contacts.map((c) => c.name)).toEqual(['赵 女士']);
    expect((await hx.api('/api/search?q=')).status).toBe(400);
  });

  it('shows an agent who may read only their own conversations only those hits', async () => {
    const clerk = await createAgent(hx, '小周', 'restricted_agent');
    expect((await search('漏水', clerk.token)).body.messages).toEqual([]);
    await hx.api(`/api/conversations/${convs.leak!.id}`, { method: 'PATCH', body: { assigneeId: clerk.id } });
    expect((await search('漏水', clerk.token)).body.messages.map((m) => m.conversationId)).toEqual([convs.leak!.id]);
    expect((await search('赵', clerk.token)).body.contacts).toEqual([]);
  });
});

describe('phone and visit log', () => {
  it('records a call from a new owner and a visit from an existing one as conversations', async () => {
    const call = await hx.api<{ conversationId: string; contactId: string }>('/api/conversations/log', {
      method: 'POST',
      token: li.token,
      body: { channel: 'phone', newContact: { name: '孙阿姨', phone: '13800001234', unit: '5-1-302' }, subject: '来电投诉', notes: '业主来电：电梯停运两天无人处理' },
    });
    expect(call.status).toBe(201);
    const conv = await hx.api<Conv>(`/api/conversations/${call.body.conversationId}`);
    expect(conv.body).toMatchObject({ channel: 'phone', assignee: { id: li.id }, unreadCount: 0, contact: { name: '孙阿姨' } });
    const msgs = await hx.api<{ data: { content: string; direction: string; meta: { loggedBy?: { id: string } } }[] }>(`/api/conversations/${call.body.conversationId}/messages`);
    expect(msgs.body.data).toHaveLength(1);
    expect(msgs.body.data[0]).toMatchObject({ content: '业主来电：电梯停运两天无人处理', direction: 'in', meta: { loggedBy: { id: li.id } } });

    const visit = await hx.api<{ conversationId: string; contactId: string }>('/api/conversations/log', {
      method: 'POST',
      body: { channel: 'visit', contactId: call.body.contactId, notes: '业主来访，当面补充电梯故障情况' },
    });
    expect(visit.body.contactId).toBe(call.body.contactId);
    expect(visit.body.conversationId).not.toBe(call.body.conversationId);
    expect((await hx.api('/api/conversations/log', { method: 'POST', body: { channel: 'phone', notes: 'x' } })).status).toBe(400);
    expect((await hx.api('/api/conversations/log', { method: 'POST', body: { channel: 'fax', contactId: call.body.contactId, notes: 'x' } })).status).toBe(400);
    const unknown = await hx.api('/api/conversations/log', { method: 'POST', body: { channel: 'visit', contactId: '00000000-0000-4000-8000-000000000000', notes: 'x' } });
    expect(unknown.status).toBe(422);
  });
});

interface Details {
  id: string;
  name: string;
  unit: string | null;
  phone: string | null;
  identities: { channel: string }[];
  conversations: { id: string }[];
  merges: { id: string }[];
  mergedInto: string | null;
}

describe('contacts', () => {
  it('show identities and history, and merge reversibly', async () => {
    const logged = await hx.api<{ contactId: string; conversationId: string }>('/api/conversations/log', {
      method: 'POST',
      body: { channel: 'phone', newContact: { name: '陈 业主（电话）', phone: '13900005678', unit: '3-2-101' }, notes: '电话里说厨房还在漏水' },
    });
    const tgContact = convs.park!.contact.id;
    const before = await hx.api<Details>(`/api/contacts/${tgContact}`);
    expect(before.body.identities.map((i) => i.channel)).toEqual(['telegram']);
    expect(before.body.unit).toBeNull();

    const merged = await hx.api<{ mergeId: string }>(`/api/contacts/${tgContact}/merge`, { method: 'POST', body: { otherId: logged.body.contactId } });
    expect(merged.status).toBe(201);
    const after = await hx.api<Details>(`/api/contacts/${tgContact}`);
    expect(after.body.identities.map((i) => i.channel).sort()).toEqual(['phone', 'telegram']);
    expect(after.body.conversations.map((c) => c.id)).toContain(logged.body.conversationId);
    expect(after.body).toMatchObject({ unit: '3-2-101', phone: '13900005678' });
    expect((await hx.api<Details>(`/api/contacts/${logged.body.contactId}`)).body.mergedInto).toBe(tgContact);
    expect((await hx.api(`/api/contacts/${tgContact}/merge`, { method: 'POST', body: { otherId: logged.body.contactId } })).status).toBe(409);
    expect((await hx.api(`/api/contacts/${tgContact}/merge`, { method: 'POST', body: { otherId: tgContact } })).status).toBe(409);

    expect((await hx.api(`/api/contact-merges/${merged.body.mergeId}/undo`, { method: 'POST' })).status).toBe(204);
    const undone = await hx.api<Details>(`/api/contacts/${tgContact}`);
    expect(undone.body).toMatchObject({ unit: null, phone: null, merges: [] });
    expect(undone.body.identities.map((i) => i.channel)).toEqual(['telegram']);
    const restored = await hx.api<Details>(`/api/contacts/${logged.body.contactId}`);
    expect(restored.body.conversations.map((c) => c.id)).toEqual([logged.body.conversationId]);
    expect(restored.body.mergedInto).toBeNull();
    expect((await hx.api(`/api/contact-merges/${merged.body.mergeId}/undo`, { method: 'POST' })).status).toBe(409);
  });

  it('masks phone numbers for agents without contact.phone.view', async () => {
    const clerk = await createAgent(hx, '小吴', 'restricted_agent');
    const call = await hx.api<{ contactId: string; conversationId: string }>('/api/conversations/log', {
      method: 'POST',
      body: { channel: 'phone', newContact: { name: '钱先生', phone: '13700009999' }, notes: '咨询停车费' },
    });
    await hx.api(`/api/conversations/${call.body.conversationId}`, { method: 'PATCH', body: { assigneeId: clerk.id } });
    const seen = await hx.api<Details>(`/api/contacts/${call.body.contactId}`, { token: clerk.token });
    expect(seen.body.phone).toBe('*******9999');
  });
});
