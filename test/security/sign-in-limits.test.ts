/**
 * Sign-in limits over real HTTP on PostgreSQL: growing waits per account and per client
 * address (behind a trusted proxy, per X-Forwarded-For), 429 with Retry-After even for the
 * right password, a success that starts the count again, a cap that is never exceeded, and
 * the owners' forum on the same policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForumClient, OWNER_PASSWORD, signUpOwner, smtpEnv } from '../support/forum-client.js';
import { createAgent } from '../support/agents.js';
import { ADMIN, startTestServer, type TestServer } from '../support/huixin.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { testClock } from '../support/tickets.js';

const t = testClock(new Date('2026-12-01T08:00:00Z'));
let hx: TestServer;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  hx = await startTestServer({ clock: t.clock, env: { ...smtpEnv(sink), TRUSTED_PROXIES: '127.0.0.1,::1', FORUM_LOGINS_PER_15_MIN: '4' } });
});
afterAll(async () => {
  await hx?.close();
  await sink?.stop();
});

async function login(email: string, password: string, from: string) {
  const res = await fetch(hx.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: string; retryAfterSeconds?: number } };
}

describe('staff sign-in', () => {
  it('gives five free failures, then waits that double, 429 with Retry-After even for the right password', async () => {
    const from = '198.51.100.1';
    for (let i = 0; i < 5; i++) expect((await login(ADMIN.email, `wrong ${i}`, from)).status).toBe(401);
    const blocked = await login(ADMIN.email, ADMIN.password, from);
    expect(blocked.status).toBe(429);
    expect(blocked.retryAfter).toBe('1');
    expect(blocked.body.error).toMatch(/too many failed sign-in attempts/);
    t.advance(1000);
    expect((await login(ADMIN.email, 'wrong again', from)).status).toBe(401);
    // The sixth failure doubles the wait.
    expect((await login(ADMIN.email, ADMIN.password, from)).retryAfter).toBe('2');
    t.advance(2000);
    expect((await login(ADMIN.email, ADMIN.password, from)).status).toBe(200);
    // The success started the account's count again: five free failures once more.
    for (let i = 0; i < 5; i++) expect((await login(ADMIN.email, `wrong ${i}`, from)).status).toBe(401);
    t.advance(1000);
    expect((await login(ADMIN.email, ADMIN.password, from)).status).toBe(200);
  });

  it('counts a parallel burst as it arrives: 60 guesses at one instant get the five free tries', async () => {
    const email = 'burst-target@example.com';
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => login(email, `guess ${i}`, `203.0.113.${i}`).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(55);
  });

  it('never asks for more than 15 minutes, however long the guessing goes on', async () => {
    const email = 'capped@example.com';
    let longest = 0;
    for (let i = 0; i < 40; i++) {
      const r = await login(email, `guess ${i}`, '198.51.100.77');
      if (r.status === 429) {
        const wait = Number(r.retryAfter);
        longest = Math.max(longest, wait);
        t.advance(wait * 1000);
      }
    }
    expect(longest).toBe(15 * 60);
  });

  it('limits a client address across accounts, and tells addresses behind the proxy apart', async () => {
    const guesser = '192.0.2.50';
    for (let i = 0; i < 20; i++) expect((await login(`nobody${i}@example.com`, 'guess', guesser)).status).toBe(401);
    expect((await login('nobody-else@example.com', 'guess', guesser)).status).toBe(429);
    // Another owner of an address behind the same proxy is not slowed down.
    expect((await login(ADMIN.email, ADMIN.password, '192.0.2.51')).status).toBe(200);
    // A client cannot pick its own address: only the right-most untrusted hop counts.
    expect((await login('nobody-else@example.com', 'guess', `10.9.9.9, ${guesser}`)).status).toBe(429);
    t.advance(60_000);
  });
});

describe('changing one’s own password', () => {
  it('counts wrong current passwords against the account’s limit, so a stolen session cannot guess it', async () => {
    const agent = await createAgent(hx, '换密码的客服');
    const change = (currentPassword: string) =>
      fetch(hx.url + '/api/auth/password', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.token}` },
        body: JSON.stringify({ currentPassword, newPassword: 'another long password 2026' }),
      });
    for (let i = 0; i < 5; i++) expect((await change(`guess ${i}`)).status).toBe(403);
    const blocked = await change(agent.password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('1');
    // The same counter as sign-in: the guesses slow the account's sign-in too.
    expect((await login(agent.email, agent.password, '203.0.113.9')).status).toBe(429);
    t.advance(1000);
    expect((await change(agent.password)).status).toBe(204);
    // The success started the count again.
    expect((await login(agent.email, 'another long password 2026', '203.0.113.9')).status).toBe(200);
  });
});

describe('owners’ forum sign-in', () => {
  async function forumLogin(client: ForumClient, email: string, password: string, from: string) {
    return client.post('/forum/login', { email, password, next: '/forum' }, { fromPage: '/forum/login', headers: { 'x-forwarded-for': from } });
  }

  it('waits instead of locking the owner out: the right password works once the wait is over', async () => {
    const email = 'owner-lock@example.com';
    await signUpOwner(hx.url, sink, { email, name: '陈业主' });
    const attacker = new ForumClient(hx.url);
    for (let i = 0; i < 4; i++) expect((await forumLogin(attacker, email, `guess ${i} guess`, '198.51.100.200')).status).toBe(401);
    const owner = new ForumClient(hx.url);
    const blocked = await forumLogin(owner, email, OWNER_PASSWORD, '198.51.100.201');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('1');
    // The attacker keeps going as fast as allowed for an hour of test time…
    for (let i = 0; i < 30; i++) {
      const r = await forumLogin(attacker, email, `more ${i} guessing`, '198.51.100.200');
      if (r.status === 429) t.advance(Number(r.headers.get('retry-after')) * 1000);
    }
    // …and the owner still gets in after at most the cap.
    t.advance(15 * 60_000);
    const ok = await forumLogin(owner, email, OWNER_PASSWORD, '198.51.100.201');
    expect(ok.status).toBe(303);
  });

  it('counts owners behind the reverse proxy by their own address, not as one', async () => {
    const guesser = new ForumClient(hx.url);
    for (let i = 0; i < 20; i++) expect((await forumLogin(guesser, `x${i}@example.com`, 'guess guess 1', '192.0.2.80')).status).toBe(401);
    expect((await forumLogin(guesser, 'y@example.com', 'guess guess 1', '192.0.2.80')).status).toBe(429);
    const neighbour = await forumLogin(new ForumClient(hx.url), 'z@example.com', 'guess guess 1', '192.0.2.81');
    expect(neighbour.status).toBe(401);
  });
});
