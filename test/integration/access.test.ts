/**
 * Access rules as plain API, once on PGlite and once on PostgreSQL: writes follow the read
 * rule, label creation is gated, staff emails are gated, and the sign-in waits and account
 * switch-off work on the embedded database too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, type TestAgent } from '../support/agents.js';
import { startTestServer, type TestServer } from '../support/huixin.js';

let hx: TestServer;
let restricted: TestAgent;
let owner: TestAgent;
let moderator: TestAgent;
let contactId: string;

beforeAll(async () => {
  hx = await startTestServer();
  restricted = await createAgent(hx, 'Restricted', 'restricted_agent');
  owner = await createAgent(hx, 'Owner Agent', 'restricted_agent');
  moderator = await createAgent(hx, 'Moderator', 'board_moderator');
  const logged = await hx.api<{ conversationId: string; contactId: string }>('/api/conversations/log', {
    method: 'POST',
    body: { channel: 'phone', newContact: { name: '刘业主', phone: '13900000000', unit: '5-2-301' }, notes: '电梯异响' },
  });
  contactId = logged.body.contactId;
  expect((await hx.api(`/api/conversations/${logged.body.conversationId}`, { method: 'PATCH', body: { assigneeId: owner.id } })).status).toBe(200);
});
afterAll(async () => {
  await hx?.close();
});

describe('writes follow the read rule', () => {
  it('a restricted agent gets 404 changing a contact they may not read, and nothing is saved', async () => {
    expect((await hx.api(`/api/contacts/${contactId}`, { token: restricted.token })).status).toBe(404);
    expect((await hx.api(`/api/contacts/${contactId}`, { method: 'PATCH', body: { name: '改掉了' }, token: restricted.token })).status).toBe(404);
    expect((await hx.api<{ name: string }>(`/api/contacts/${contactId}`)).body.name).toBe('刘业主');
    // The agent whose conversation it is may.
    expect((await hx.api(`/api/contacts/${contactId}`, { method: 'PATCH', body: { unit: '5-2-302' }, token: owner.token })).status).toBe(204);
    expect((await hx.api<{ unit: string }>(`/api/contacts/${contactId}`)).body.unit).toBe('5-2-302');
  });

  it('logging a call cannot open a contact one may not read', async () => {
    const r = await hx.api('/api/conversations/log', { method: 'POST', body: { channel: 'phone', contactId, notes: '再来电' }, token: restricted.token });
    expect(r.status).toBe(422);
    expect((await hx.api(`/api/contacts/${contactId}`, { token: restricted.token })).status).toBe(404);
  });
});

describe('gates', () => {
  it('moderators and restricted agents do not create labels', async () => {
    expect((await hx.api('/api/labels', { method: 'POST', body: { name: '版主标签' }, token: moderator.token })).status).toBe(403);
    expect((await hx.api('/api/labels', { method: 'POST', body: { name: '专员标签' }, token: restricted.token })).status).toBe(403);
    expect((await hx.api<{ data: { name: string }[] }>('/api/labels')).body.data.map((l) => l.name)).not.toContain('版主标签');
  });

  it('lists staff emails only to those who manage users', async () => {
    const list = await hx.api<{ data: { id: string; email?: string }[] }>('/api/users', { token: moderator.token });
    expect(list.status).toBe(200);
    expect(list.body.data.some((u) => 'email' in u)).toBe(false);
    expect((await hx.api<{ data: { email?: string }[] }>('/api/users')).body.data.every((u) => typeof u.email === 'string')).toBe(true);
  });
});

describe('sign-in', () => {
  it('after five failures answers 429 with Retry-After, even for the right password', async () => {
    const a = await createAgent(hx, 'Waiter');
    for (let i = 0; i < 5; i++) expect((await hx.api('/api/auth/login', { method: 'POST', body: { email: a.email, password: `nope ${i}` }, token: null })).status).toBe(401);
    const r = await fetch(hx.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: a.email, password: a.password }) });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a switched-off account cannot sign in and its token stops working', async () => {
    const a = await createAgent(hx, 'Gone');
    expect((await hx.api(`/api/users/${a.id}`, { method: 'PATCH', body: { disabled: true } })).status).toBe(200);
    expect((await hx.api('/api/me', { token: a.token })).status).toBe(401);
    const again = await hx.api<{ error: string }>('/api/auth/login', { method: 'POST', body: { email: a.email, password: a.password }, token: null });
    expect(again.status).toBe(403);
    expect(again.body.error).toBe('account disabled');
  });
});
