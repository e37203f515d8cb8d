/**
 * HTTP plumbing both Tencent APIs share (api.weixin.qq.com, qyapi.weixin.qq.com): JSON
 * calls answered with `{errcode, errmsg, …}`, an access token cached through the channel's
 * state port (so every instance of Huixin uses one token instead of each fetching its own),
 * and one refresh-and-retry when the platform says the token expired or was replaced.
 */
import type { ChannelStatePort, DownloadedMedia } from '../definition.js';
import { MediaTooLargeError } from '../media-errors.js';
import { ChannelError, type ChannelErrorCode, type ChannelKind } from '../types.js';
import { networkError } from '../network-errors.js';

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

/** Builds a ChannelError for one errcode; `message` is the agent-facing reason. */
export type FailWith = (code: ChannelErrorCode, message: string, retryAfterMs?: number) => ChannelError;

/**
 * The part every Tencent errcode mapping shares (Official Account and WeCom alike): a
 * ChannelError passes through, anything not from the API is INVALID with its message, and an
 * API error gets `byErrcode`'s reason followed by the platform's own errcode and errmsg.
 */
export function tencentErrorMapper(channel: ChannelKind, platform: string, byErrcode: (errcode: number, fail: FailWith) => ChannelError) {
  return (err: unknown): ChannelError => {
    if (err instanceof ChannelError) return err;
    if (!(err instanceof TencentApiError)) {
      return new ChannelError(channel, 'INVALID', err instanceof Error ? err.message : String(err), { cause: err });
    }
    const detail = `(${platform} errcode ${err.errcode}: ${err.errmsg})`;
    return byErrcode(err.errcode, (code, message, retryAfterMs) => new ChannelError(channel, code, `${message} ${detail}`, { cause: err, retryAfterMs }));
  };
}

export interface TencentResponse {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}


const TIMEOUT_MS = 15_000;

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

/**
 * Temporary media by media_id (media/get), the same call on the Official Account and WeCom:
 * null once the platform no longer has it (they keep it 3 days), MediaTooLargeError past the cap.
 */
export async function downloadTencentMedia(
  client: TencentClient,
  toError: (err: unknown) => ChannelError,
  fileId: string,
  maxBytes: number,
): Promise<DownloadedMedia | null> {
  let res: Response;
  try {
    res = await client.authedRaw('/cgi-bin/media/get', { media_id: fileId });
  } catch (err) {
    const error = toError(err);
    if (error.code === 'NOT_FOUND') return null;
    throw error;
  }
  const content = await readCapped(res, maxBytes);
  if (!content) throw new MediaTooLargeError(client.channel, maxBytes);
  const mimeType = (res.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim();
  const fileName = fileNameFrom(res.headers.get('content-disposition'));
  return { content, mimeType, ...(fileName ? { fileName } : {}) };
}

/** The inbox screen's "test": fetching a fresh access token proves the credentials. */
export async function checkTencentCredentials(
  client: TencentClient,
  toError: (err: unknown) => ChannelError,
  detail: string,
): Promise<{ ok: true; detail: string } | { ok: false; error: string }> {
  try {
    await client.refreshToken();
    return { ok: true, detail };
  } catch (err) {
    return { ok: false, error: toError(err).message };
  }
}
