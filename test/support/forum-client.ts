/**
 * A browser-like client for the server-rendered forum: keeps cookies, reads the CSRF token
 * from the last page, submits forms (urlencoded or multipart) and does not follow redirects,
 * so tests see the real answers. Plus a helper that signs up an owner through the real SMTP
 * sink, the way an owner would.
 */
import type { SmtpSink, SinkMessage } from './smtp-sink.js';

export interface ForumResponse {
  status: number;
  html: string;
  location: string | null;
  headers: Headers;
}

export class ForumClient {
  readonly cookies = new Map<string, string>();
  lastHtml = '';

  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<ForumResponse> {
    const res = await fetch(this.baseUrl + path, {
      method: init.method ?? 'GET',
      body: init.body,
      headers: { cookie: this.cookieHeader(), ...(init.headers ?? {}) },
      redirect: 'manual',
    });
    this.remember(res);
    const html = await res.text();
    if (res.headers.get('content-type')?.startsWith('text/html')) this.lastHtml = html;
    return { status: res.status, html, location: res.headers.get('location'), headers: res.headers };
  }

  get(path: string): Promise<ForumResponse> {
    return this.request(path);
  }

  /** Follows redirects (GET) until a page, the way a browser does after a form. */
  async follow(r: ForumResponse, max = 5): Promise<ForumResponse> {
    let cur = r;
    for (let i = 0; i < max && cur.location; i++) cur = await this.get(cur.location.replace(this.baseUrl, ''));
    return cur;
  }

  csrf(html = this.lastHtml): string {
    const m = html.match(/name="_csrf" value="([^"]+)"/);
    if (!m) throw new Error('no CSRF token on the page');
    return m[1]!;
  }

  /** Submits a form; the CSRF token comes from `fromPage` (fetched first) unless given. */
  async post(
    path: string,
    fields: Record<string, string>,
    opts: { fromPage?: string; csrf?: string | null; files?: { field: string; name: string; type: string; data: Uint8Array }[]; headers?: Record<string, string> } = {},
  ): Promise<ForumResponse> {
    let token = opts.csrf;
    if (token === undefined) {
      if (opts.fromPage) await this.get(opts.fromPage);
      token = this.csrf();
    }
    const all = token === null ? fields : { _csrf: token, ...fields };
    if (opts.files) {
      const form = new FormData();
      for (const [k, v] of Object.entries(all)) form.append(k, v);
      for (const f of opts.files) form.append(f.field, new Blob([Uint8Array.from(f.data)], { type: f.type }), f.name);
      return this.request(path, { method: 'POST', body: form, headers: opts.headers });
    }
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(all).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(opts.headers ?? {}) },
    });
  }
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: SinkMessage, prefix: string): string {
  const text = mail.parsed.text ?? '';
  const m = text.match(new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s]+`));
  if (!m) throw new Error(`no link starting ${prefix} in: ${text}`);
  return m[0];
}

export const OWNER_PASSWORD = 'owner password 12345';

/** Signs an owner up, verifies the address from the mail the sink received, and signs in. */
export async function signUpOwner(
  baseUrl: string,
  sink: SmtpSink,
  owner: { email: string; name: string; unit?: string },
): Promise<ForumClient> {
  const client = new ForumClient(baseUrl);
  const r = await client.post('/forum/signup', { email: owner.email, displayName: owner.name, password: OWNER_PASSWORD, unit: owner.unit ?? '' }, { fromPage: '/forum/signup' });
  if (r.status !== 200) throw new Error(`sign-up answered ${r.status}`);
  const mail = await sink.waitForMessage((m) => m.envelope.rcptTo.includes(owner.email) && /verify/i.test(m.parsed.subject ?? ''));
  const link = linkIn(mail, `${baseUrl}/forum/verify?token=`);
  const token = new URL(link).searchParams.get('token') ?? '';
  const v = await client.post('/forum/verify', { token }, { fromPage: `/forum/verify?token=${token}` });
  if (v.status !== 303) throw new Error(`verify answered ${v.status}`);
  const l = await client.post('/forum/login', { email: owner.email, password: OWNER_PASSWORD, next: '/forum' }, { fromPage: '/forum/login' });
  if (l.status !== 303) throw new Error(`login answered ${l.status}`);
  return client;
}

/** The environment that points Huixin's outgoing mail at the sink. */
export function smtpEnv(sink: SmtpSink): Record<string, string> {
  return { SMTP_HOST: sink.host, SMTP_PORT: String(sink.port), SMTP_SECURE: 'false', EMAIL_FROM: '物业客服中心 <service@wuye.example.com>' };
}

/** The id in a /forum/t/<id> location. */
export function topicIdFrom(location: string | null): string {
  const m = location?.match(/\/forum\/t\/([0-9a-f-]{36})/);
  if (!m) throw new Error(`not a topic location: ${location}`);
  return m[1]!;
}
