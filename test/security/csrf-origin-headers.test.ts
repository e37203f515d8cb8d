/**
 * Cross-site requests and headers over real HTTP and socket.io: a cookie-only change from a
 * foreign page (a sibling port counts) is refused, logout included; the socket handshake
 * refuses foreign Origins; the agent app and the API send their security headers, HSTS and
 * Secure cookies only over TLS (X-Forwarded-Proto from a trusted proxy); the forum and the
 * survey page keep their own.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestServer, type TestServer } from '../support/huixin.js';

let hx: TestServer;
beforeAll(async () => {
  hx = await startTestServer({ env: { TRUSTED_PROXIES: '127.0.0.1,::1', PUBLIC_URL: 'https://inbox.example.com' } });
});
afterAll(async () => {
  await hx?.close();
});

async function cookieSession(): Promise<string> {
  const res = await fetch(hx.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const sibling = () => hx.url.replace(/:(\d+)$/, (_, p: string) => `:${Number(p) + 1}`);

describe('CSRF on cookie-authenticated changes', () => {
  it('refuses a logout posted by a form on another origin and keeps the session', async () => {
    const cookie = await cookieSession();
    const form = { 'content-type': 'application/x-www-form-urlencoded', cookie };
    for (const origin of [sibling(), 'https://evil.example', 'null']) {
      const res = await fetch(hx.url + '/api/auth/logout', { method: 'POST', headers: { ...form, origin }, body: 'x=1' });
      expect(res.status).toBe(403);
    }
    // Without Origin a form post is refused too; only JSON (which needs a preflight) passes.
    expect((await fetch(hx.url + '/api/auth/logout', { method: 'POST', headers: form, body: 'x=1' })).status).toBe(403);
    expect((await fetch(hx.url + '/api/me', { headers: { cookie } })).status).toBe(200);
    // Our own page (same origin, or PUBLIC_URL) may.
    expect((await fetch(hx.url + '/api/auth/logout', { method: 'POST', headers: { cookie, origin: 'https://inbox.example.com' } })).status).toBe(204);
    expect((await fetch(hx.url + '/api/me', { headers: { cookie } })).status).toBe(401);
  });

  it('applies to every change made with the cookie alone, and not to bearer clients', async () => {
    const cookie = await cookieSession();
    const res = await fetch(hx.url + '/api/labels', { method: 'POST', headers: { cookie, origin: sibling(), 'content-type': 'application/json' }, body: JSON.stringify({ name: 'csrf-label' }) });
    expect(res.status).toBe(403);
    const own = await fetch(hx.url + '/api/labels', { method: 'POST', headers: { cookie, origin: hx.url, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'own-label' }) });
    expect(own.status).toBe(201);
    const bearer = await fetch(hx.url + '/api/labels', {
      method: 'POST',
      headers: { authorization: `Bearer ${hx.token}`, origin: sibling(), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bearer-label' }),
    });
    expect(bearer.status).toBe(201);
  });
});

describe('socket.io Origin', () => {
  const connect = (opts: { origin?: string; cookie?: string; token?: string }) =>
    new Promise<'connected' | string>((resolve) => {
      const headers: Record<string, string> = {};
      if (opts.origin) headers.origin = opts.origin;
      if (opts.cookie) headers.cookie = opts.cookie;
      const s = io(hx.url, { transports: ['websocket'], reconnection: false, extraHeaders: headers, auth: opts.token ? { token: opts.token } : {} });
      s.once('connect', () => {
        s.disconnect();
        resolve('connected');
      });
      s.once('connect_error', (err) => {
        s.disconnect();
        resolve(err.message);
      });
    });

  it('refuses a page on a sibling port that rides on the session cookie', async () => {
    const cookie = await cookieSession();
    expect(await connect({ origin: sibling(), cookie })).not.toBe('connected');
    expect(await connect({ origin: 'https://evil.example', token: hx.token })).not.toBe('connected');
  });

  it('accepts our own origin, PUBLIC_URL, and clients without Origin that bring a token', async () => {
    const cookie = await cookieSession();
    expect(await connect({ origin: hx.url, cookie })).toBe('connected');
    expect(await connect({ origin: 'https://inbox.example.com', cookie })).toBe('connected');
    expect(await connect({ token: hx.token })).toBe('connected');
    expect(await connect({})).toBe('unauthorized');
  });
});

describe('security headers', () => {
  const csp = (h: Headers) => h.get('content-security-policy') ?? '';

  it('sends CSP without inline script, nosniff and referrer policy on the API and the app', async () => {
    for (const path of ['/api/me', '/api/openapi.json', '/api/no-such-route', '/']) {
      const res = await fetch(hx.url + path, { headers: { authorization: `Bearer ${hx.token}` } });
      await res.arrayBuffer();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      for (const d of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) expect(csp(res.headers), path).toContain(d);
      expect(csp(res.headers)).not.toMatch(/script-src[^;]*unsafe-inline/);
      // Plain http: no HSTS.
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('adds HSTS and Secure cookies when a trusted proxy says the request came over TLS', async () => {
    const res = await fetch(hx.url + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const plain = await fetch(hx.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });

  it('leaves the forum’s own pages and headers alone', async () => {
    const res = await fetch(hx.url + '/forum');
    expect(res.status).toBe(200);
    await res.text();
    // The forum's own policy (no script at all), not the agent app's.
    expect(csp(res.headers)).toMatch(/^default-src 'none'/);
    expect(csp(res.headers)).not.toContain('script-src');
  });
});
