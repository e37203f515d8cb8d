/**
 * A failed HTTP call to a platform as a ChannelError, the same for every channel: NETWORK and
 * retryable when the request certainly never left (connection refused, no such host), and
 * otherwise, for a call that may have reached the platform (`unsafeToRepeat`: a send),
 * NETWORK with `outcomeUnknown`, which delivery shows as "may have been sent" instead of
 * failing it or sending it again blindly.
 */
import { ChannelError, type ChannelKind } from './types.js';

/** Errors where the request certainly never reached the platform, so sending again cannot duplicate. */
export const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The errno code (ECONNRESET …) under an error; fetch and grammY wrap the socket error in `cause`. */
export function errnoCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `code` defaults to the errno under `err`; a wrapper that keeps the socket error elsewhere (grammY's HttpError.error) passes it. */
export function networkError(channel: ChannelKind, err: unknown, unsafeToRepeat: boolean, code = errnoCode(err)): ChannelError {
  const message = err instanceof Error ? err.message : String(err);
  if (!unsafeToRepeat || (code && NEVER_CONNECTED.has(code))) {
    return new ChannelError(channel, 'NETWORK', `network error: ${code ?? message}`, { cause: err });
  }
  return new ChannelError(channel, 'NETWORK', `network error, outcome unknown: ${message}`, { cause: err, outcomeUnknown: true });
}
