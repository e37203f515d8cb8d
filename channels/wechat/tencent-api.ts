/**
 * HTTP plumbing both Tencent APIs share (api.weixin.qq.com, qyapi.weixin.qq.com): JSON
 * calls answered with `{errcode, errmsg, …}`, an access token cached through the channel's
 * state port (so every instance of Huixin uses one token instead of each fetching its own),
 * and one refresh-and-retry when the platform says the token expired or was replaced.
 */
import type { ChannelStatePort } from '../definition.js';
import { ChannelError, type ChannelKind } from '../types.js';

/** errcodes that mean "this access token is no longer good": fetch a new one and try once more. */
export const TOKEN_EXPIRED_CODES = new Set([40001, 40014, 42001]);

/** The platform answered with a non-zero errcode. */
export class TencentApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`${path}: errcode ${errcode} ${errmsg}`);
    this.name = 'TencentApiError';
  }
}

export interface TencentResponse {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

// Errors where the request certainly never reached the platform, so trying again cannot duplicate.
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const TIMEOUT_MS = 15_000;

/**
 * A network failure as a ChannelError: NETWORK (retryable) when the request never left, and
 * for a send whose outcome is unknown (`unsafeToRepeat`) INVALID, so it is reported instead of
 * being sent again blindly.
 */
export function networkError(channel: ChannelKind, err: unknown, unsafeToRepeat: boolean): ChannelError {
  const code = errnoCode(err);
  if (!unsafeToRepeat || (code && NEVER_CONNECTED.has(code))) {
    return new ChannelError(channel, 'NETWORK', `network error: ${code ?? (err instanceof Error ? err.message : String(err))}`, { cause: err });
  }
  return new ChannelError(channel, 'INVALID', `network error, outcome unknown: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

function errnoCode(e: unknown): string | undefined {
  let cur: unknown = e;
  // fetch wraps the socket error in `cause`; walk down to the errno code.
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface TencentClientOptions {
  channel: ChannelKind;
  apiRoot: string;
  state: ChannelStatePort;
  /** State key of the cached token (one per account). */
  tokenKey: string;
  /** Fetches a fresh token from the platform. */
  fetchToken(client: TencentClient): Promise<{ token: string; expiresInSec: number }>;
}

/** Seconds before the platform's expiry at which a cached token is no longer used. */
const TOKEN_MARGIN_SEC = 300;

export class TencentClient {
  readonly channel: ChannelKind;
  private readonly apiRoot: string;

  constructor(private readonly options: TencentClientOptions) {
    this.channel = options.channel;
    this.apiRoot = options.apiRoot.replace(/\/+$/, '');
  }

  url(path: string, query: Record<string, string> = {}): string {
    const url = new URL(this.apiRoot + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.toString();
  }

  /** A plain request; throws TencentApiError on a non-zero errcode, ChannelError on network trouble. */
  async request(path: string, init: { query?: Record<string, string>; json?: unknown; form?: FormData; unsafeToRepeat?: boolean } = {}): Promise<TencentResponse> {
    const res = await this.raw(path, init);
    return this.readJson(path, res);
  }

  async raw(path: string, init: { query?: Record<string, string>; json?: unknown; form?: FormData; unsafeToRepeat?: boolean } = {}): Promise<Response> {
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.form;
    try {
      return await fetch(this.url(path, init.query), {
        method: body === undefined ? 'GET' : 'POST',
        headers: init.json !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : undefined,
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw networkError(this.channel, err, init.unsafeToRepeat ?? false);
    }
  }

  async readJson(path: string, res: Response): Promise<TencentResponse> {
    let parsed: unknown;
    try {
      parsed = await res.json();
    } catch (err) {
      throw new ChannelError(this.channel, res.status >= 500 ? 'NETWORK' : 'INVALID', `${path}: HTTP ${res.status}, not JSON`, { cause: err });
    }
    if (typeof parsed !== 'object' || parsed === null) throw new ChannelError(this.channel, 'INVALID', `${path}: unexpected answer`);
    const answer = parsed as TencentResponse;
    if (typeof answer.errcode === 'number' && answer.errcode !== 0) throw new TencentApiError(answer.errcode, answer.errmsg ?? '', path);
    return answer;
  }

  /** The cached access token, fetched (and stored for every instance) when there is none. */
  async accessToken(): Promise<string> {
    const cached = await this.options.state.get<string>(this.options.tokenKey);
    return cached ?? this.refreshToken();
  }

  async refreshToken(): Promise<string> {
    const { token, expiresInSec } = await this.options.fetchToken(this);
    const ttlSec = Math.max(60, expiresInSec - TOKEN_MARGIN_SEC);
    await this.options.state.set(this.options.tokenKey, token, ttlSec * 1000);
    return token;
  }

  /**
   * Calls `path` with `access_token` in the query. When the platform says the token expired
   * or was replaced (40001, 40014, 42001), fetches a new one and tries once more; a second
   * refusal goes to the caller.
   */
  async authed(path: string, init: { query?: Record<string, string>; json?: unknown; form?: () => FormData; unsafeToRepeat?: boolean } = {}): Promise<TencentResponse> {
    const attempt = async (token: string) =>
      this.request(path, { ...init, form: init.form?.(), query: { ...init.query, access_token: token } });
    try {
      return await attempt(await this.accessToken());
    } catch (err) {
      if (!(err instanceof TencentApiError) || !TOKEN_EXPIRED_CODES.has(err.errcode)) throw err;
      return attempt(await this.refreshToken());
    }
  }

  /** As `authed`, but the answer may be a file (media/get): the Response, or the API's error. */
  async authedRaw(path: string, query: Record<string, string>): Promise<Response> {
    const attempt = async (token: string): Promise<Response> => {
      const res = await this.raw(path, { query: { ...query, access_token: token } });
      if (!/json|text\/plain/i.test(res.headers.get('content-type') ?? '')) return res;
      await this.readJson(path, res); // throws on errcode
      throw new ChannelError(this.channel, 'INVALID', `${path}: JSON instead of a file`);
    };
    try {
      return await attempt(await this.accessToken());
    } catch (err) {
      if (!(err instanceof TencentApiError) || !TOKEN_EXPIRED_CODES.has(err.errcode)) throw err;
      return attempt(await this.refreshToken());
    }
  }
}

/** Reads a file answer up to `maxBytes`; null when it is larger (the caller marks it "too large"). */
export async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    return null;
  }
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** `attachment; filename="a.jpg"` → a.jpg */
export function fileNameFrom(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}
