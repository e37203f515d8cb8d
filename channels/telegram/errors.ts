import { GrammyError, HttpError } from 'grammy';
import { ChannelError } from '../types.js';

// Errors where the request certainly never reached Telegram, so sending again cannot duplicate.
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Translates grammY's errors into the channel-neutral ChannelError codes. */
export function toChannelError(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof GrammyError) {
    const text = err.description;
    if (err.error_code === 429) {
      const retry = err.parameters.retry_after ?? 1;
      return new ChannelError('telegram', 'RATE_LIMITED', text, { retryAfterMs: retry * 1000, cause: err });
    }
    if (err.error_code === 401 || err.error_code === 403) return new ChannelError('telegram', 'AUTH', text, { cause: err });
    if (err.error_code === 400 && /not found/i.test(text)) return new ChannelError('telegram', 'NOT_FOUND', text, { cause: err });
    return new ChannelError('telegram', 'INVALID', text, { cause: err });
  }
  if (err instanceof HttpError) {
    const code = errorCode(err.error);
    if (code && NEVER_CONNECTED.has(code)) return new ChannelError('telegram', 'NETWORK', `network error: ${code}`, { cause: err });
    // The request may have reached Telegram: report, never resend blindly.
    return new ChannelError('telegram', 'NETWORK', `network error, outcome unknown: ${err.message}`, { cause: err, outcomeUnknown: true });
  }
  return new ChannelError('telegram', 'INVALID', err instanceof Error ? err.message : String(err), { cause: err });
}

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  // fetch wraps the socket error in `cause`; walk down to the errno code.
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
