import { GrammyError, HttpError } from 'grammy';
import { errnoCode, networkError } from '../network-errors.js';
import { ChannelError } from '../types.js';

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
  // The request may have reached Telegram unless it never connected: report, never resend blindly.
  if (err instanceof HttpError) return networkError('telegram', err, true, errnoCode(err.error));
  return new ChannelError('telegram', 'INVALID', err instanceof Error ? err.message : String(err), { cause: err });
}
