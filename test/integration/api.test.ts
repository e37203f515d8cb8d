/** The REST contract around the inbox: sessions, pagination, permissions, catch-up, OpenAPI. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { newOwner, textUpdate } from '../support/telegram-updates.js';

interface Page {
  data: { id: string; contact: { name: string }; assignee: { id: string } | null; lastMessageAt: string }[];
  nextCursor: string | null;
}

let tg: FakeTelegram;
let hx: TestServer;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot });
  for (let i = 0; i < 7; i++) await hx.webhook(textUpdate(newOwner(`Page${i}`), `message ${i}`));
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

describe('sessions', () => {
  it('logs in with a cookie too, and logs out', async () => {
    const res = await fetch(hx.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ADMIN@example.com', password: 'correct horse battery staple' }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/huixin_session=.+HttpOnly/i);
    const session = cookie.split(';')[0]!;
    const me = await fetch(hx.url + '/api/me', { headers: { cookie: session } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string; permissions: string[] } }).user).toMatchObject({ email: 'admin@example.com' });
    // With the cookie alone a change must come from our own page (Origin), as a browser's does.
    expect((await fetch(hx.url + '/api/auth/logout', { method: 'POST', headers: { cookie: session } })).status).toBe(403);
    expect((await fetch(hx.url + '/api/auth/logout', { method: 'POST', headers: { cookie: session, origin: hx.url } })).status).toBe(204);
    expect((await fetch(hx.url + '/api/me', { headers: { cookie: session } })).status).toBe(401);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const a = await hx.api('/api/auth/login', { method: 'POST', body: { email: 'nobody@example.com', password: 'x' }, token: null });
    const b = await hx.api('/api/auth/login', { method: 'POST', body: { email: 'admin@example.com', password: 'wrong' }, token: null });
    expect(a).toEqual(b);
    expect(a.status).toBe(401);
  });

  it('rejects an invalid body with 400 naming the field', async () => {
    const res = await hx.api<{ error: string }>('/api/auth/login', { method: 'POST', body: { email: 'not-an-email' }, token: null });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/email/);
    expect(res.body.error).toMatch(/password/);
  });
});

describe('conversation list', () => {
  it('pages by cursor, most recent activity first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/api/conversations?status=all&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await hx.api<Page>(q);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.data.map((c) => c.id));
      const times = res.body.data.map((c) => Date.parse(c.lastMessageAt));
      expect([...times].sort((x, y) => y - x)).toEqual(times);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    const full = await hx.api<Page>('/api/conversations?status=all&limit=100');
    expect(full.body.data.map((c) => c.id)).toEqual(seen);
    expect(full.body.nextCursor).toBeNull();
  });

  it('rejects a forged cursor and an out-of-range limit', async () => {
    expect((await hx.api('/api/conversations?cursor=garbage')).status).toBe(400);
    expect((await hx.api('/api/conversations?limit=101')).status).toBe(400);
    expect((await hx.api('/api/conversations?status=bogus')).status).toBe(400);
  });

  it('filters by assignee and channel', async () => {
    const all = await hx.api<Page>('/api/conversations?status=all&limit=100');
    const target = all.body.data[0]!;
    const me = await hx.api<{ user: { id: string } }>('/api/me');
    const patched = await hx.api<{ assignee: { id: string } }>(`/api/conversations/${target.id}`, { method: 'PATCH', body: { assigneeId: me.body.user.id } });
    expect(patched.status).toBe(200);
    expect(patched.body.assignee.id).toBe(me.body.user.id);
    const mine = await hx.api<Page>('/api/conversations?status=all&assignee=me');
    expect(mine.body.data.map((c) => c.id)).toEqual([target.id]);
    const unassigned = await hx.api<Page>('/api/conversations?status=all&assignee=unassigned&limit=100');
    expect(unassigned.body.data.map((c) => c.id)).not.toContain(target.id);
    expect((await hx.api<Page>('/api/conversations?status=all&channel=email')).body.data).toHaveLength(0);
    expect((await hx.api<Page>('/api/conversations?status=all&channel=telegram&limit=100')).body.data.length).toBe(7);
    const unknown = await hx.api(`/api/conversations/${target.id}`, { method: 'PATCH', body: { assigneeId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.status).toBe(422);
  });
});

describe('permissions', () => {
  it('shows an agent with read.assigned only the conversations assigned to them', async () => {
    const created = await hx.api<{ id: string }>('/api/users', {
      method: 'POST',
      body: { email: 'clerk@example.com', name: '小李', password: 'a-long-password', role: 'restricted_agent' },
    });
    expect(created.status).toBe(201);
    const login = await hx.api<{ token: string }>('/api/auth/login', { method: 'POST', body: { email: 'clerk@example.com', password: 'a-long-password' }, token: null });
    const clerk = login.body.token;
    expect((await hx.api<Page>('/api/conversations?status=all', { token: clerk })).body.data).toHaveLength(0);

    const all = await hx.api<Page>('/api/conversations?status=all&limit=100');
    const theirs = all.body.data[3]!;
    const other = all.body.data[4]!;
    await hx.api(`/api/conversations/${theirs.id}`, { method: 'PATCH', body: { assigneeId: created.body.id } });
    const visible = await hx.api<Page>('/api/conversations?status=all', { token: clerk });
    expect(visible.body.data.map((c) => c.id)).toEqual([theirs.id]);
    expect((await hx.api(`/api/conversations/${other.id}/messages`, { token: clerk })).status).toBe(404);
    expect((await hx.api(`/api/conversations/${theirs.id}/messages`, { token: clerk })).status).toBe(200);
    // A restricted agent cannot manage users or settings.
    expect((await hx.api('/api/users', { method: 'POST', token: clerk, body: { email: 'x@example.com', name: 'x', password: 'a-long-password' } })).status).toBe(403);
    expect((await hx.api('/api/settings/telegram-welcome', { method: 'PUT', token: clerk, body: { text: 'hi' } })).status).toBe(403);
    // Catch-up honours the same rule.
    const events = await hx.api<{ data: { conversationId: string | null }[] }>('/api/events?after=0&limit=1000', { token: clerk });
    const ids = new Set(events.body.data.map((e) => e.conversationId));
    expect(ids.has(theirs.id)).toBe(true);
    expect(ids.has(other.id)).toBe(false);
  });
});

describe('reconnect catch-up', () => {
  it('returns every event after a sequence number, in order, with the socket payloads', async () => {
    const before = await hx.api<{ data: { seq: number }[]; hasMore: boolean }>('/api/events?after=0&limit=1000');
    const last = before.body.data.at(-1)!.seq;
    await hx.webhook(textUpdate(newOwner('Missed'), 'while you were away'));
    const after = await hx.api<{ data: { seq: number; type: string; payload: { seq: number; message?: { content: string } } }[] }>(`/api/events?after=${last}`);
    expect(after.body.data.map((e) => e.type)).toEqual(['conversation.created', 'message.created']);
    expect(after.body.data.every((e) => e.seq > last && e.payload.seq === e.seq)).toBe(true);
    expect(after.body.data[1]!.payload.message!.content).toBe('while you were away');
  });
});

describe('OpenAPI', () => {
  it('describes the public routes from the same schemas', async () => {
    const res = await fetch(hx.url + '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, method] of [
      ['/api/auth/login', 'post'],
      ['/api/conversations', 'get'],
      ['/api/conversations/{id}', 'patch'],
      ['/api/conversations/{id}/messages', 'get'],
      ['/api/conversations/{id}/messages', 'post'],
      ['/api/events', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeTruthy();
    }
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await hx.api<{ error: string }>('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not found');
  });
});
