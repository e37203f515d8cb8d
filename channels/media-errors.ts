/**
 * A file an owner sent is larger than the cap we keep (MEDIA_MAX_BYTES). Every channel's
 * `downloadMedia` throws this one, whether the platform announced the size or the download
 * ran past the cap, so the caller can record "not kept: too large" instead of retrying.
 */
import { ChannelError, type ChannelKind } from './types.js';

export class MediaTooLargeError extends ChannelError {
  readonly maxBytes: number;
  /** The size when the platform told it; absent when the stream simply ran past the cap. */
  readonly size?: number;

  constructor(channel: ChannelKind, maxBytes: number, size?: number) {
    super(channel, 'INVALID', size === undefined ? `file is larger than ${maxBytes} bytes` : `file of ${size} bytes is larger than ${maxBytes} bytes`);
    this.name = 'MediaTooLargeError';
    this.maxBytes = maxBytes;
    this.size = size;
  }
}

/**
 * Reads a response body up to `maxBytes`, cancelling the stream the moment it goes past, so
 * a file that lied about (or never announced) its size costs at most the cap in memory.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, channel: ChannelKind): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new MediaTooLargeError(channel, maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
