/**
 * What the fake WeChat and WeCom API servers share: a node:http server answering
 * `{errcode, errmsg, …}` JSON as both platforms do, access tokens that are issued with an
 * expiry and checked on every call (unknown → 40001/40014, expired → 42001), temporary media
 * (media/upload, media/get), one-shot injected errors and a record of every call.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TencentError {
  errcode: number;
  errmsg: string;
}

export interface FakeUpload {
  fileName: string;
  contentType?: string;
  size: number;
}

export interface FakeCall {
  path: string;
  query: Record<string, string>;
  /** JSON body (empty for GET and uploads). */
  body: Record<string, unknown>;
  upload?: FakeUpload;
  /** Set when the fake answered with a non-zero errcode. */
  error?: TencentError;
}

export interface FakeMedia {
  content: Buffer;
  mimeType: string;
  fileName?: string;
}

export type Answer = Record<string, unknown> | { file: FakeMedia };

export interface FakeTencent {
  apiRoot: string;
  calls: FakeCall[];
  /** Calls of one path, in order. */
  callsTo(path: string): FakeCall[];
  /** The earliest matching call of `path` not returned by an earlier waitFor, waiting for it. */
  waitFor(path: string, predicate?: (call: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  /** The next call of `path` (one per failNext, in order) answers this errcode. */
  failNext(path: string, errcode: number, errmsg?: string): void;
  /** Every token issued so far is expired from now on (the next call with one gets 42001). */
  expireTokens(): void;
  /** How many tokens the token endpoint handed out. */
  tokensIssued(): number;
  /** Makes every call of `path` take this long before it is answered (0: answer at once). */
  delay(path: string, ms: number): void;
  /** The most calls of `path` that were being answered at the same time. */
  maxInFlight(path: string): number;
  /** Temporary media that media/get will serve. */
  addMedia(mediaId: string, media: FakeMedia): void;
  /** What media/upload received, by the media_id it answered. */
  uploads: Map<string, FakeUpload & { content: Buffer }>;
  close(): Promise<void>;
}

export interface FakeTencentSpec {
  /** The token endpoint's path and how it checks the credentials in the query. */
  tokenPath: string;
  checkCredentials(query: Record<string, string>): TencentError | null;
  tokenExpiresInSec: number;
  /** errcode for a token the fake never issued (WeChat 40001, WeCom 40014). */
  unknownTokenCode: number;
  /** Authenticated JSON routes: path → answer. */
  routes: Record<string, (call: FakeCall) => Answer>;
}

export const tencentErrors = {
  invalidToken: { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' },
  invalidTokenWeCom: { errcode: 40014, errmsg: 'invalid access_token' },
  expiredToken: { errcode: 42001, errmsg: 'access_token expired' },
  windowClosed: { errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' },
  tooManyReplies: { errcode: 45047, errmsg: 'out of response count limit' },
  apiFreqLimit: { errcode: 45009, errmsg: 'reach max api daily quota limit' },
  kfSendLimit: { errcode: 95001, errmsg: 'send msg count limit exceeded' },
  kfSessionState: { errcode: 95018, errmsg: 'send msg not allowed in current session state' },
  invalidMedia: { errcode: 40007, errmsg: 'invalid media_id' },
} satisfies Record<string, TencentError>;

const MESSAGES: Record<number, string> = Object.fromEntries(Object.values(tencentErrors).map((e) => [e.errcode, e.errmsg]));

export async function startFakeTencent(spec: FakeTencentSpec): Promise<FakeTencent> {
  const calls: FakeCall[] = [];
  const returned = new Set<FakeCall>();
  const waiters = new Set<() => void>();
  const failures = new Map<string, TencentError[]>();
  const tokens = new Map<string, number>();
  const media = new Map<string, FakeMedia>();
  const uploads = new Map<string, FakeUpload & { content: Buffer }>();
  const delays = new Map<string, number>();
  const inFlight = new Map<string, { now: number; max: number }>();
  let issued = 0;

  const routes: Record<string, (call: FakeCall) => Answer> = {
    ...spec.routes,
    '/cgi-bin/media/upload': (call) => {
      if (!call.upload) return { errcode: 41005, errmsg: 'media data missing' };
      const mediaId = `fake_media_${randomBytes(12).toString('hex')}`;
      return { type: call.query.type ?? 'image', media_id: mediaId, created_at: Math.floor(Date.now() / 1000) };
    },
    '/cgi-bin/media/get': (call) => {
      const file = media.get(call.query.media_id ?? '');
      return file ? { file } : tencentErrors.invalidMedia;
    },
  };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    const call: FakeCall = { path: url.pathname, query, body: {} };
    const type = req.headers['content-type'] ?? '';
    let uploadContent: Buffer | undefined;
    try {
      if (/multipart\/form-data/i.test(type)) {
        const part = readMultipartFile(raw, type);
        if (part) {
          call.upload = { fileName: part.fileName, size: part.content.length, ...(part.contentType ? { contentType: part.contentType } : {}) };
          uploadContent = part.content;
        }
      } else if (raw.length > 0) {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (typeof parsed === 'object' && parsed !== null) call.body = parsed as Record<string, unknown>;
      }
    } catch {
      return send(res, { errcode: 47001, errmsg: 'data format error' });
    }
    calls.push(call);
    for (const wake of [...waiters]) wake();

    const fail = (error: TencentError): void => {
      call.error = error;
      send(res, error);
    };
    if (url.pathname === spec.tokenPath) {
      const injected = failures.get(url.pathname)?.shift();
      if (injected) return fail(injected);
      const refused = spec.checkCredentials(query);
      if (refused) return fail(refused);
      const token = `fake_token_${randomBytes(16).toString('hex')}`;
      tokens.set(token, Date.now() + spec.tokenExpiresInSec * 1000);
      issued++;
      return send(res, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: spec.tokenExpiresInSec });
    }
    const handler = routes[url.pathname];
    if (!handler) return fail({ errcode: 404, errmsg: `no such api ${url.pathname}` });
    const expiry = tokens.get(query.access_token ?? '');
    if (expiry === undefined) return fail({ errcode: spec.unknownTokenCode, errmsg: MESSAGES[spec.unknownTokenCode] ?? 'invalid access_token' });
    if (expiry <= Date.now()) return fail(tencentErrors.expiredToken);
    const injected = failures.get(url.pathname)?.shift();
    if (injected) return fail(injected);
    const flight = inFlight.get(url.pathname) ?? { now: 0, max: 0 };
    inFlight.set(url.pathname, flight);
    flight.now++;
    flight.max = Math.max(flight.max, flight.now);
    const answer = await new Promise<Answer>((resolve) => setTimeout(() => resolve(handler(call)), delays.get(url.pathname) ?? 0)).finally(() => {
      flight.now--;
    });
    if ('file' in answer && typeof answer.file === 'object' && answer.file !== null && 'content' in answer.file) {
      const file = answer.file as FakeMedia;
      res.writeHead(200, {
        'content-type': file.mimeType,
        'content-length': String(file.content.length),
        ...(file.fileName ? { 'content-disposition': `attachment; filename="${file.fileName}"` } : {}),
      });
      res.end(file.content);
      return;
    }
    const json = answer as Record<string, unknown>;
    if (typeof json.errcode === 'number' && json.errcode !== 0) return fail({ errcode: json.errcode, errmsg: String(json.errmsg ?? '') });
    if (call.path === '/cgi-bin/media/upload' && call.upload && uploadContent) uploads.set(String(json.media_id), { ...call.upload, content: uploadContent });
    send(res, { errcode: 0, errmsg: 'ok', ...json });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, { errcode: -1, errmsg: `fake failed: ${String(err)}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (path) => calls.filter((c) => c.path === path),
    waitFor(path, predicate = () => true, timeoutMs = 5000) {
      return new Promise<FakeCall>((resolve, reject) => {
        const check = (): boolean => {
          const call = calls.find((c) => !returned.has(c) && c.path === path && predicate(c));
          if (!call) return false;
          returned.add(call);
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(call);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`fake Tencent API: no matching ${path} call within ${timeoutMs} ms (calls: ${calls.map((c) => c.path).join(', ') || 'none'})`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    failNext(path, errcode, errmsg) {
      failures.set(path, [...(failures.get(path) ?? []), { errcode, errmsg: errmsg ?? MESSAGES[errcode] ?? `error ${errcode}` }]);
    },
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    tokensIssued: () => issued,
    delay: (path, ms) => void delays.set(path, ms),
    maxInFlight: (path) => inFlight.get(path)?.max ?? 0,
    addMedia(mediaId, file) {
      media.set(mediaId, file);
    },
    uploads,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function send(res: ServerResponse, body: object): void {
  // Both platforms answer errors with HTTP 200 and the errcode in the body.
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The `media` part of a multipart upload. */
function readMultipartFile(body: Buffer, type: string): { fileName: string; contentType?: string; content: Buffer } | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new Error('multipart without boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    start += delimiter.length;
    const end = body.indexOf(delimiter, start);
    if (end === -1) break;
    const part = body.subarray(start + 2, end - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    if (/name="media"/i.test(head)) {
      const fileName = /filename="([^"]*)"/i.exec(head)?.[1] ?? '';
      const contentType = /content-type:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim();
      return { fileName, content: Buffer.from(part.subarray(split + 4)), ...(contentType ? { contentType } : {}) };
    }
    start = end;
  }
  return null;
}

/**
 * A msgmenu body as both platforms check it: a head text within 2048 bytes and 1–10 items, each
 * with an id and a label (`entry` reaches the {id, content} of an item in the platform's shape).
 */
export function checkMenu(menu: unknown, entry: (item: Record<string, unknown>) => Record<string, unknown> | null): { errcode?: number; errmsg?: string } {
  const m = (typeof menu === 'object' && menu !== null ? menu : {}) as { head_content?: unknown; list?: unknown };
  if (typeof m.head_content !== 'string' || Buffer.byteLength(m.head_content) > 2048) return { errcode: 45002, errmsg: 'invalid head_content' };
  if (!Array.isArray(m.list) || m.list.length === 0 || m.list.length > 10) return { errcode: 44002, errmsg: 'invalid menu list' };
  for (const raw of m.list as unknown[]) {
    const item = typeof raw === 'object' && raw !== null ? entry(raw as Record<string, unknown>) : null;
    if (!item || typeof item.id !== 'string' || !item.id || typeof item.content !== 'string' || !item.content) return { errcode: 40035, errmsg: 'invalid menu item' };
  }
  return {};
}
