/**
 * Forum accounts over real HTTP and the real SMTP sink: sign-up with verification, sign-in,
 * no account enumeration (sign-up and reset look the same for known and unknown addresses),
 * CSRF on every form, rate limits, password reset, unsubscribe, and plain error pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForumClient, linkIn, OWNER_PASSWORD, signUpOwner, smtpEnv } from '../support/forum-client.js';
import { startTestServer, type TestServer } from '../support/huixin.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

let sink: SmtpSink;
let hx: TestServer;

beforeAll(async () => {
  sink = await startSmtpSink();
  hx = await startTestServer({ env: { ...smtpEnv(sink), FORUM_LOGINS_PER_15_MIN: '4', FORUM_SIGNUPS_PER_HOUR: '8' } });
});

afterAll(async () => {
  await hx?.close();
  await sink?.stop();
});

/** The page without what legitimately differs between two requests (tokens, the email shown). */
const shape = (html: string) => html.replace(/value="[^"]*"/g, 'value=""').replace(/[\w.+-]+@[\w.-]+/g, 'EMAIL');

describe('bad form bodies', () => {
  it('answers a truncated multipart body with 400, not 500', async () => {
    const boundary = 'hxboundary';
    const cut = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nabc\r\n--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n漏`;
    const res = await fetch(`${hx.url}/forum/login`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: cut });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/could not be read|无法读取/);
  });
});

describe('sign-up and verification', () => {
  it('verifies the address by a link sent over SMTP, then lets the owner sign in', async () => {
    const client = new ForumClient(hx.url);
    const r = await client.post('/forum/signup', { email: 'Chen.Li@Example.com', displayName: '陈先生', password: OWNER_PASSWORD, unit: '3栋1201' }, { fromPage: '/forum/signup' });
    expect(r.status).toBe(200);
    expect(r.html).toContain('data-testid="forum-check-email"');

    const mail = await sink.waitForMessage((m) => m.envelope.rcptTo.includes('chen.li@example.com'));
    expect(mail.parsed.from?.text).toContain('service@wuye.example.com');
    expect(mail.parsed.subject).toContain('验证');
    const link = linkIn(mail, `${hx.url}/forum/verify?token=`);

    // Unverified: sign-in is refused with a clear message (the password was right).
    const early = await client.post('/forum/login', { email: 'chen.li@example.com', password: OWNER_PASSWORD, next: '/forum' }, { fromPage: '/forum/login' });
    expect(early.status).toBe(403);

    // Opening the link changes nothing by itself (mail scanners open links); the button does.
    const page = await client.get(link.replace(hx.url, ''));
    expect(page.status).toBe(200);
    const token = new URL(link).searchParams.get('token')!;
    const verified = await client.post('/forum/verify', { token });
    expect(verified.status).toBe(303);
    expect(verified.location).toBe('/forum/login?n=verified');
    expect((await client.post('/forum/verify', { token }, { fromPage: '/forum/login' })).status).toBe(400);

    const login = await client.post('/forum/login', { email: 'CHEN.LI@example.com', password: OWNER_PASSWORD, next: '/forum/my' }, { fromPage: '/forum/login' });
    expect(login.status).toBe(303);
    expect(login.location).toBe('/forum/my');
    const home = await client.get('/forum/account');
    expect(home.html).toContain('陈先生');
    expect(home.html).toContain('3栋1201');
  });

  it('answers a second sign-up with a known address exactly like a new one', async () => {
    await signUpOwner(hx.url, sink, { email: 'wang@example.com', name: '王女士' });
    const before = sink.messages.length;
    const again = new ForumClient(hx.url);
    const known = await again.post('/forum/signup', { email: 'wang@example.com', displayName: '冒名', password: 'another password 1' }, { fromPage: '/forum/signup' });
    const fresh = new ForumClient(hx.url);
    const unknown = await fresh.post('/forum/signup', { email: 'nobody-yet@example.com', displayName: '新人', password: 'another password 1' }, { fromPage: '/forum/signup' });
    expect(known.status).toBe(unknown.status);
    expect(shape(known.html)).toBe(shape(unknown.html));
    // The real owner hears about it by mail instead; no second account exists.
    const notice = await sink.waitForMessage((m) => sink.messages.indexOf(m) >= before && m.envelope.rcptTo.includes('wang@example.com'));
    expect(notice.parsed.subject).toContain('已注册');
    const login = await again.post('/forum/login', { email: 'wang@example.com', password: 'another password 1', next: '/forum' }, { fromPage: '/forum/login' });
    expect(login.status).toBe(401);
  });

  it('rejects bad sign-up input with the form and its errors, storing nothing', async () => {
    const client = new ForumClient(hx.url);
    const r = await client.post('/forum/signup', { email: 'not-an-email', displayName: '', password: 'short' }, { fromPage: '/forum/signup' });
    expect(r.status).toBe(400);
    expect(r.html).toContain('请输入有效的邮箱地址');
    expect(r.html).toContain('密码至少需要 10 个字符');
  });
});

describe('password reset', () => {
  it('looks the same for known and unknown addresses and resets by the mailed link', async () => {
    await signUpOwner(hx.url, sink, { email: 'zhao@example.com', name: '赵先生' });
    const c1 = new ForumClient(hx.url);
    const known = await c1.post('/forum/reset', { email: 'zhao@example.com' }, { fromPage: '/forum/reset' });
    const c2 = new ForumClient(hx.url);
    const unknown = await c2.post('/forum/reset', { email: 'ghost@example.com' }, { fromPage: '/forum/reset' });
    expect(known.status).toBe(200);
    expect(shape(known.html)).toBe(shape(unknown.html));

    const mail = await sink.waitForMessage((m) => m.envelope.rcptTo.includes('zhao@example.com') && /重设密码/.test(m.parsed.subject ?? ''));
    const link = linkIn(mail, `${hx.url}/forum/reset/confirm?token=`);
    const token = new URL(link).searchParams.get('token')!;
    const done = await c1.post('/forum/reset/confirm', { token, password: 'a brand new password' }, { fromPage: link.replace(hx.url, '') });
    expect(done.status).toBe(303);
    const login = await c1.post('/forum/login', { email: 'zhao@example.com', password: 'a brand new password', next: '/forum' }, { fromPage: '/forum/login' });
    expect(login.status).toBe(303);
    expect(sink.messages.some((m) => m.envelope.rcptTo.includes('ghost@example.com'))).toBe(false);
  });
});

describe('abuse', () => {
  it('refuses a form without the CSRF token, with a wrong one, or from another origin', async () => {
    const client = new ForumClient(hx.url);
    await client.get('/forum/signup');
    const fields = { email: 'csrf@example.com', displayName: 'x', password: OWNER_PASSWORD };
    expect((await client.post('/forum/signup', fields, { csrf: null })).status).toBe(403);
    expect((await client.post('/forum/signup', fields, { csrf: 'forged' })).status).toBe(403);
    const cross = await client.post('/forum/signup', fields, { fromPage: '/forum/signup', headers: { origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    expect(cross.html).toContain('请求无法验证');
    // A token taken from another visitor's cookie does not fit this one.
    const other = new ForumClient(hx.url);
    await other.get('/forum/signup');
    expect((await client.post('/forum/signup', fields, { csrf: other.csrf() })).status).toBe(403);
  });

  it('rate-limits sign-in attempts with a 429 page', async () => {
    const client = new ForumClient(hx.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await client.post('/forum/login', { email: 'target@example.com', password: `guess ${i} guess`, next: '/forum' }, { fromPage: '/forum/login' })).status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    expect(client.lastHtml).toContain('操作太频繁');
  });

  it('shows plain error pages without stack traces', async () => {
    const client = new ForumClient(hx.url);
    const missing = await client.get('/forum/t/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('找不到这个页面');
    const junk = await client.get('/forum/t/%27%3Bdrop%20table');
    expect(junk.status).toBe(404);
    for (const r of [missing, junk]) expect(r.html).not.toMatch(/at .+\.(ts|js):\d+|Error:/);
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('notifications', () => {
  it('refuses a forged unsubscribe link', async () => {
    const owner = await signUpOwner(hx.url, sink, { email: 'sun@example.com', name: '孙阿姨' });
    const bad = await owner.request('/forum/unsubscribe?token=00000000-0000-4000-8000-000000000000.forged', { method: 'POST' });
    expect(bad.status).toBe(400);
    expect((await owner.get('/forum/account')).html).toContain('邮件通知：开启');
  });
});
