/**
 * A local stand-in for https://api.telegram.org, for integration and end-to-end tests.
 *
 * It speaks the Bot API's HTTP protocol (POST or GET /bot<token>/<method>, parameters as JSON,
 * urlencoded or multipart form, `{ok, result}` / `{ok:false, error_code, description}` answers)
 * so the real grammY client can be pointed at it with `apiRoot`. Every call is recorded; a test
 * can wait for one, make the next call of a method fail with Telegram's real error shapes, and
 * feed updates to long polling. Files added with `addFile` are served like owners' media:
 * getFile names a path, `/file/bot<token>/<path>` returns the bytes (downloads can be made to
 * fail, to test retries).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update, User } from 'grammy/types';

export interface TelegramErrorShape {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** A file part of a multipart upload; the bytes themselves are not kept. */
export interface FakeUpload {
  fileName: string;
  contentType?: string;
  size: number;
}

export type FakeParams = Record<string, unknown>;

export interface FakeCall {
  method: string;
  /** JSON bodies keep their types; form values arrive as strings, as Telegram receives them. */
  params: FakeParams;
  /** Set when the fake answered this call with an error. */
  error?: TelegramErrorShape;
}

/** A file served through getFile and `/file/bot<token>/<file_path>`, as Telegram serves owners' media. */
export interface FakeFileOptions {
  /** Default `photos/file_<n>.jpg`. */
  filePath?: string;
  /** What getFile reports as `file_size`: the real length by default, `null` leaves it out. */
  reportedSize?: number | null;
  /** Send the bytes without Content-Length, in chunks (a download whose size is not announced). */
  chunked?: boolean;
}

/** How the next file downloads fail: `reset` drops the connection, a number answers that HTTP status. */
export type FakeDownloadFailure = 'reset' | number;

/** An update to queue; `update_id` is assigned when left out. */
export type PushedUpdate = Omit<Update, 'update_id'> & { update_id?: number };

export interface FakeTelegram {
  /** Pass as grammY's `apiRoot` (no trailing slash). */
  apiRoot: string;
  token: string;
  calls: FakeCall[];
  /**
   * Resolves with the earliest recorded call of `method` (case-insensitive, like the Bot API)
   * that matches `predicate` and was not already returned by an earlier `waitFor`, waiting for
   * it if it has not happened yet. Two awaits in a row thus give the first and the second call.
   */
  waitFor(method: string, predicate?: (call: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  /** The next call of `method` (one per failNext, in order) gets this error instead of a result. */
  failNext(method: string, error: TelegramErrorShape): void;
  /** Queues an update for getUpdates and wakes a waiting long poll. */
  pushUpdate(update: PushedUpdate): Update;
  /** Makes `fileId` known to getFile and its bytes downloadable. */
  addFile(fileId: string, content: Uint8Array, opts?: FakeFileOptions): void;
  /** The `file_path` of every download requested (failed ones too), in order. */
  downloads: string[];
  /** The next `count` downloads fail this way. */
  failNextDownloads(count: number, failure: FakeDownloadFailure): void;
  /**
   * Holds each sendMessage's answer (it is recorded, and counts as sent, on arrival): by a number
   * of milliseconds, or until the returned promise settles. `null` answers at once again.
   */
  setSendDelay(delay: ((chatId: string) => number | Promise<void>) | null): void;
  /**
   * Enforces Telegram's send limits like the real API: more than `perSecond` sendMessage calls
   * (a bucket of that size, refilled at that rate) or more than `perChatPerSecond` to one chat
   * are answered 429 with retry_after. `null` lifts them.
   */
  enforceSendLimits(limits: { perSecond: number; perChatPerSecond: number } | null): void;
  /** How many sendMessage calls the enforced limits answered with 429. */
  readonly limited: number;
  close(): Promise<void>;
}

/** Error answers exactly as the Bot API words them. */
export const telegramErrors = {
  unauthorized: { error_code: 401, description: 'Unauthorized' },
  blocked: { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
  chatNotFound: { error_code: 400, description: 'Bad Request: chat not found' },
  tooManyRequests: (retryAfter: number): TelegramErrorShape => ({
    error_code: 429,
    description: `Too Many Requests: retry after ${retryAfter}`,
    parameters: { retry_after: retryAfter },
  }),
} satisfies Record<string, TelegramErrorShape | ((n: number) => TelegramErrorShape)>;

const WEBHOOK_CONFLICT: TelegramErrorShape = {
  error_code: 409,
  description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
};
const POLL_CONFLICT: TelegramErrorShape = {
  error_code: 409,
  description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
};

type Answer = { ok: true; result: unknown; description?: string } | ({ ok: false } & TelegramErrorShape);

interface StoredMessage {
  message_id: number;
  from: User;
  chat: { id: number; type: string; first_name?: string; title?: string };
  date: number;
  text: string;
  reply_markup?: unknown;
  edit_date?: number;
}

interface PendingPoll {
  respond: (answer: Answer) => void;
  limit: number;
}

export async function startFakeTelegram(opts: { token: string }): Promise<FakeTelegram> {
  const { token } = opts;
  const calls: FakeCall[] = [];
  const returned = new Set<FakeCall>();
  const failures = new Map<string, TelegramErrorShape[]>();
  const waiters = new Set<() => void>();
  const sent = new Map<string, StoredMessage>();
  let queue: Update[] = [];
  let nextUpdateId = 100_000_001;
  let nextMessageId = 1;
  let webhook: { url: string; secretToken?: string } | undefined;
  let poll: PendingPoll | undefined;
  const files = new Map<string, { content: Buffer; filePath: string; reportedSize: number | null; chunked: boolean }>();
  const downloads: string[] = [];
  const downloadFailures: FakeDownloadFailure[] = [];
  let sendDelay: ((chatId: string) => number | Promise<void>) | null = null;
  let sendLimits: { perSecond: number; perChatPerSecond: number } | null = null;
  let limited = 0;
  const buckets = new Map<string, { tokens: number; at: number }>();

  /** The bucket `key` (size and refill `rate` a second), topped up to now. */
  function bucket(key: string, rate: number): { tokens: number; at: number } {
    const nowMs = Date.now();
    const b = buckets.get(key) ?? { tokens: rate, at: nowMs };
    b.tokens = Math.min(rate, b.tokens + ((nowMs - b.at) * rate) / 1000);
    b.at = nowMs;
    buckets.set(key, b);
    return b;
  }

  // getMe's answer; the id is the token's numeric prefix, as with real tokens.
  const me = {
    id: Number(token.split(':')[0]) || 7_000_000_001,
    is_bot: true,
    first_name: 'Fake Huixin Bot',
    username: 'fake_huixin_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  };

  const now = (): number => Math.floor(Date.now() / 1000);

  function handle(method: string, params: FakeParams, reply: (answer: Answer) => void, onClose: (fn: () => void) => void): void {
    const call: FakeCall = { method, params };
    calls.push(call);
    for (const wake of [...waiters]) wake();

    const failure = failures.get(method.toLowerCase())?.shift();
    if (failure) {
      call.error = failure;
      return reply({ ok: false, ...failure });
    }
    const answer = (result: Answer): void => {
      if (!result.ok) call.error = { error_code: result.error_code, description: result.description };
      reply(result);
    };
    switch (method.toLowerCase()) {
      case 'getme':
        return answer({ ok: true, result: me });
      case 'sendmessage': {
        const chat = String(params.chat_id ?? '');
        if (sendLimits) {
          // Both buckets are checked before either is spent: a refused request costs nothing.
          const overall = bucket('*', sendLimits.perSecond);
          const perChat = bucket(`chat:${chat}`, sendLimits.perChatPerSecond);
          if (overall.tokens < 1 || perChat.tokens < 1) {
            limited++;
            return answer({ ok: false, ...telegramErrors.tooManyRequests(1) });
          }
          overall.tokens -= 1;
          perChat.tokens -= 1;
        }
        const result = sendMessage(params);
        const delay = sendDelay?.(chat);
        if (delay === undefined || delay === 0) return answer(result);
        if (typeof delay === 'number') {
          setTimeout(() => answer(result), delay);
          return;
        }
        void delay.finally(() => answer(result));
        return;
      }
      case 'editmessagetext':
        return answer(editMessageText(params));
      case 'getupdates':
        return getUpdates(params, answer, onClose);
      case 'setwebhook': {
        const url = str(params.url) ?? '';
        webhook = url ? { url, secretToken: str(params.secret_token) } : undefined;
        return answer({ ok: true, result: true, description: url ? 'Webhook was set' : 'Webhook was deleted' });
      }
      case 'deletewebhook': {
        const had = webhook !== undefined;
        webhook = undefined;
        if (params.drop_pending_updates === true || params.drop_pending_updates === 'true') queue = [];
        return answer({ ok: true, result: true, description: had ? 'Webhook was deleted' : 'Webhook is already deleted' });
      }
      case 'getfile': {
        const file = files.get(str(params.file_id) ?? '');
        if (!file) return answer(bad('invalid file_id'));
        const result: Record<string, unknown> = { file_id: str(params.file_id), file_unique_id: `AQAD${file.filePath.length}`, file_path: file.filePath };
        if (file.reportedSize !== null) result.file_size = file.reportedSize;
        return answer({ ok: true, result });
      }
      case 'getwebhookinfo':
        return answer({
          ok: true,
          result: { url: webhook?.url ?? '', has_custom_certificate: false, pending_update_count: queue.length },
        });
      default:
        // answerCallbackQuery, sendChatAction and everything else: accepted.
        return answer({ ok: true, result: true });
    }
  }

  function sendMessage(params: FakeParams): Answer {
    const chatId = chatIdOf(params.chat_id);
    if (params.chat_id === undefined || params.chat_id === '') return bad('chat_id is empty');
    if (chatId === undefined) return { ok: false, ...telegramErrors.chatNotFound };
    const text = str(params.text) ?? '';
    if (text === '') return bad('message text is empty');
    if (text.length > 4096) return bad('message is too long');
    const message: StoredMessage = { message_id: nextMessageId++, from: me, chat: chatFor(chatId), date: now(), text };
    const markup = inlineMarkup(params.reply_markup);
    if (markup) message.reply_markup = markup;
    sent.set(`${chatId}:${message.message_id}`, message);
    return { ok: true, result: message };
  }

  function editMessageText(params: FakeParams): Answer {
    const text = str(params.text) ?? '';
    if (text === '') return bad('message text is empty');
    if (params.inline_message_id !== undefined) return { ok: true, result: true };
    const message = sent.get(`${chatIdOf(params.chat_id)}:${num(params.message_id)}`);
    if (!message) return bad('message to edit not found');
    const markup = inlineMarkup(params.reply_markup);
    if (message.text === text && JSON.stringify(message.reply_markup) === JSON.stringify(markup)) {
      return bad(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    message.text = text;
    if (markup) message.reply_markup = markup;
    else delete message.reply_markup;
    message.edit_date = now();
    return { ok: true, result: message };
  }

  function getUpdates(params: FakeParams, answer: (a: Answer) => void, onClose: (fn: () => void) => void): void {
    if (webhook) return answer({ ok: false, ...WEBHOOK_CONFLICT });
    const offset = num(params.offset) ?? 0;
    // A positive offset confirms everything before it; a negative one keeps only the last -offset.
    if (offset > 0) queue = queue.filter((u) => u.update_id >= offset);
    else if (offset < 0) queue = queue.slice(offset);
    const limit = Math.min(Math.max(num(params.limit) ?? 100, 1), 100);
    const timeout = num(params.timeout) ?? 0;

    // Like Telegram, a newer long poll ends an older one with 409.
    poll?.respond({ ok: false, ...POLL_CONFLICT });
    poll = undefined;

    if (queue.length > 0 || timeout <= 0) return answer({ ok: true, result: queue.slice(0, limit) });
    const pending: PendingPoll = {
      limit,
      respond: (a) => {
        clearTimeout(timer);
        if (poll === pending) poll = undefined;
        answer(a);
      },
    };
    const timer = setTimeout(() => pending.respond({ ok: true, result: [] }), timeout * 1000);
    poll = pending;
    // grammY aborts its request on bot.stop(); forget the poll instead of answering a closed socket.
    onClose(() => {
      clearTimeout(timer);
      if (poll === pending) poll = undefined;
    });
  }

  const server = createServer((req, res) => {
    void route(req, res);
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) return serveFile(res, download[1] ?? '', decodeURIComponent(download[2] ?? ''));
    const match = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (!match) return respond(res, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== token) return respond(res, { ok: false, ...telegramErrors.unauthorized });
    let params: FakeParams;
    try {
      params = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };
    } catch {
      return respond(res, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" });
    }
    let answered = false;
    handle(
      match[2] ?? '',
      params,
      (answer) => {
        if (answered || res.writableEnded || res.destroyed) return;
        answered = true;
        respond(res, answer);
      },
      (fn) => res.on('close', () => {
        if (!answered) fn();
      }),
    );
  }

  function serveFile(res: ServerResponse, fileToken: string, filePath: string): void {
    downloads.push(filePath);
    for (const wake of [...waiters]) wake();
    if (fileToken !== token) return respond(res, { ok: false, ...telegramErrors.unauthorized });
    const failure = downloadFailures.shift();
    if (failure === 'reset') {
      res.socket?.destroy();
      return;
    }
    if (typeof failure === 'number') return respond(res, { ok: false, error_code: failure, description: 'Internal Server Error' });
    const file = [...files.values()].find((f) => f.filePath === filePath);
    if (!file) return respond(res, { ok: false, error_code: 404, description: 'Not Found' });
    if (!file.chunked) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.content.length) });
      res.end(file.content);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    for (let i = 0; i < file.content.length; i += 16_384) res.write(file.content.subarray(i, i + 16_384));
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    waitFor(method, predicate = () => true, timeoutMs = 5000) {
      const wanted = method.toLowerCase();
      const find = (): FakeCall | undefined =>
        calls.find((c) => !returned.has(c) && c.method.toLowerCase() === wanted && predicate(c));
      return new Promise<FakeCall>((resolve, reject) => {
        const check = (): boolean => {
          const call = find();
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
          const seen = calls.map((c) => c.method).join(', ') || 'none';
          reject(new Error(`fake Telegram: no matching ${method} call within ${timeoutMs} ms (calls so far: ${seen})`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    failNext(method, error) {
      const key = method.toLowerCase();
      failures.set(key, [...(failures.get(key) ?? []), error]);
    },
    pushUpdate(update) {
      const full = { ...update, update_id: update.update_id ?? nextUpdateId } as Update;
      nextUpdateId = Math.max(nextUpdateId, full.update_id) + 1;
      queue.push(full);
      if (poll) poll.respond({ ok: true, result: queue.slice(0, poll.limit) });
      return full;
    },
    addFile(fileId, content, fileOpts = {}) {
      files.set(fileId, {
        content: Buffer.from(content),
        filePath: fileOpts.filePath ?? `photos/file_${files.size}.jpg`,
        reportedSize: fileOpts.reportedSize === undefined ? content.length : fileOpts.reportedSize,
        chunked: fileOpts.chunked ?? false,
      });
    },
    downloads,
    failNextDownloads(count, failure) {
      for (let i = 0; i < count; i++) downloadFailures.push(failure);
    },
    setSendDelay(delay) {
      sendDelay = delay;
    },
    enforceSendLimits(limits) {
      sendLimits = limits;
      buckets.clear();
    },
    get limited() {
      return limited;
    },
    async close() {
      poll?.respond({ ok: true, result: [] });
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // grammY keeps connections alive; without this, close() would wait for them to idle out.
        server.closeAllConnections();
      });
    },
  };
}

function respond(res: ServerResponse, answer: Answer): void {
  const status = answer.ok ? 200 : answer.error_code;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(answer));
}

function bad(reason: string): Answer {
  return { ok: false, error_code: 400, description: `Bad Request: ${reason}` };
}

async function readBody(req: IncomingMessage): Promise<FakeParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const body = Buffer.concat(chunks);
  if (body.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (/application\/json/i.test(type)) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as FakeParams;
  }
  if (/multipart\/form-data/i.test(type)) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    return parseMultipart(body, boundary?.[1] ?? boundary?.[2] ?? '');
  }
  // application/x-www-form-urlencoded, and what curl sends without a type.
  const params: FakeParams = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = decodeFormValue(value);
  return params;
}

/**
 * A small multipart reader. grammY writes its part headers without spaces and its file names
 * unquoted (`content-disposition:form-data;name="x";filename=photo.jpg`), so it is lenient.
 */
function parseMultipart(body: Buffer, boundary: string): FakeParams {
  if (!boundary) throw new Error('multipart without boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: FakeParams = {};
  const uploads = new Map<string, FakeUpload>();
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const end = body.indexOf(delimiter, start);
    if (end === -1) break;
    let part = body.subarray(start, end);
    if (part.subarray(0, 2).toString() === '\r\n') part = part.subarray(2);
    if (part.subarray(-2).toString() === '\r\n') part = part.subarray(0, -2);
    const split = part.indexOf('\r\n\r\n');
    const head = split === -1 ? '' : part.subarray(0, split).toString('utf8');
    const content = split === -1 ? Buffer.alloc(0) : part.subarray(split + 4);
    const disposition = /content-disposition\s*:([^\r\n]*)/i.exec(head)?.[1] ?? '';
    const name = /\bname\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
    const fileName = /\bfilename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
    const key = name?.[1] ?? name?.[2];
    if (key !== undefined) {
      if (fileName) {
        const contentType = /content-type\s*:\s*([^\r\n;]+)/i.exec(head)?.[1]?.trim();
        const upload: FakeUpload = { fileName: fileName[1] ?? fileName[2] ?? '', size: content.length };
        if (contentType) upload.contentType = contentType;
        uploads.set(key, upload);
        fields[key] = upload;
      } else {
        fields[key] = decodeFormValue(content.toString('utf8'));
      }
    }
    start = end;
  }
  // grammY sends `photo: "attach://<id>"` and the bytes under <id>; show the upload where it belongs.
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.startsWith('attach://')) {
      const upload = uploads.get(value.slice('attach://'.length));
      if (upload) fields[key] = upload;
    }
  }
  return fields;
}

/** Objects and arrays (reply_markup, entities …) travel JSON-encoded inside form fields. */
function decodeFormValue(value: string): unknown {
  if (/^\s*[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

/** Numeric chat ids only: an @username the fake cannot resolve counts as "chat not found". */
function chatIdOf(value: unknown): number | undefined {
  return num(value);
}

function chatFor(id: number): StoredMessage['chat'] {
  if (id > 0) return { id, first_name: 'Owner', type: 'private' };
  // Supergroup and channel ids start with -100; the fake cannot tell those two apart.
  return id <= -1_000_000_000_000 ? { id, title: 'Fake supergroup', type: 'supergroup' } : { id, title: 'Fake group', type: 'group' };
}

function inlineMarkup(value: unknown): unknown {
  // Telegram echoes inline keyboards on the sent message; reply keyboards are not echoed.
  return typeof value === 'object' && value !== null && 'inline_keyboard' in value ? value : undefined;
}
