/**
 * Downloads an owner's file from Telegram: `getFile` names a path, valid for about an hour,
 * under `<apiRoot>/file/bot<token>/<file_path>`. The cap is checked twice: against getFile's
 * `file_size` before a byte is fetched, and while streaming (a missing or wrong size cannot
 * make us hold more than the cap).
 *
 * Both calls only read, so every transport failure is safe to retry (NETWORK), unlike a send
 * whose outcome may be unknown. Error messages never contain the download URL: it holds the
 * bot token.
 */
import { GrammyError, HttpError, type Api } from 'grammy';
import type { File } from 'grammy/types';
import type { DownloadedMedia } from '../definition.js';
import { MediaTooLargeError, readCapped } from '../media-errors.js';
import { ChannelError } from '../types.js';
import { toChannelError } from './errors.js';

export interface TelegramMediaOptions {
  /** The whole download's deadline; a stalled transfer becomes a retryable NETWORK error. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export async function downloadTelegramMedia(
  api: Api,
  config: { token: string; apiRoot: string },
  fileId: string,
  maxBytes: number,
  opts: TelegramMediaOptions = {},
): Promise<DownloadedMedia | null> {
  const file = await getFile(api, fileId, maxBytes);
  if (!file) return null;
  if (file.file_size !== undefined && file.file_size > maxBytes) throw new MediaTooLargeError('telegram', maxBytes, file.file_size);
  // A file without a path cannot be fetched by a bot (Telegram omits it when it will not serve the file).
  if (!file.file_path) return null;

  const url = `${config.apiRoot.replace(/\/$/, '')}/file/bot${config.token}/${file.file_path.split('/').map(encodeURIComponent).join('/')}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
  } catch (err) {
    throw new ChannelError('telegram', 'NETWORK', `file download failed: ${describe(err)}`, { cause: err });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw downloadError(response);
  }
  const announced = Number(response.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new MediaTooLargeError('telegram', maxBytes, announced);
  }
  let content: Uint8Array;
  try {
    content = await readCapped(response.body, maxBytes, 'telegram');
  } catch (err) {
    if (err instanceof ChannelError) throw err;
    throw new ChannelError('telegram', 'NETWORK', `file download interrupted: ${describe(err)}`, { cause: err });
  }
  const fileName = file.file_path.split('/').pop() || undefined;
  return { content, mimeType: mimeTypeOf(file.file_path, response.headers.get('content-type')), ...(fileName ? { fileName } : {}) };
}

/** getFile, with a file Telegram no longer knows as null and its own size refusal as too large. */
async function getFile(api: Api, fileId: string, maxBytes: number): Promise<File | null> {
  try {
    return await api.getFile(fileId);
  } catch (err) {
    if (err instanceof GrammyError && err.error_code === 400) {
      // Bot API wording: "Bad Request: invalid file_id", "wrong file_id or the file is temporarily unavailable".
      if (/file_id|file not found/i.test(err.description)) return null;
      // The cloud Bot API serves bots files up to 20 MB and says so on getFile.
      if (/file is too big/i.test(err.description)) throw new MediaTooLargeError('telegram', maxBytes);
    }
    if (err instanceof HttpError) throw new ChannelError('telegram', 'NETWORK', `getFile failed: ${describe(err.error)}`, { cause: err });
    throw toChannelError(err);
  }
}

function downloadError(response: Response): ChannelError {
  const status = response.status;
  const text = `file download answered HTTP ${status}`;
  if (status === 404) return new ChannelError('telegram', 'NOT_FOUND', text);
  if (status === 401 || status === 403) return new ChannelError('telegram', 'AUTH', text);
  if (status === 429) {
    const retry = Number(response.headers.get('retry-after'));
    return new ChannelError('telegram', 'RATE_LIMITED', text, { retryAfterMs: (Number.isFinite(retry) && retry > 0 ? retry : 1) * 1000 });
  }
  if (status >= 500) return new ChannelError('telegram', 'NETWORK', text);
  return new ChannelError('telegram', 'INVALID', text);
}

/** Telegram serves files as application/octet-stream; the path's extension is the better hint. */
const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  pdf: 'application/pdf',
  tgs: 'application/x-tgsticker',
};

export function mimeTypeOf(filePath: string, contentType: string | null): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filePath)?.[1]?.toLowerCase();
  const known = ext ? BY_EXTENSION[ext] : undefined;
  if (known) return known;
  const given = contentType?.split(';')[0]?.trim().toLowerCase();
  return given && given !== 'application/octet-stream' ? given : 'application/octet-stream';
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.name === 'TimeoutError' ? 'timed out' : err.message}${cause}`;
  }
  return String(err);
}
