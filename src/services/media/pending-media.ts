/**
 * Pure rules of keeping owners' media: which attachments still wait for their bytes, and what
 * a failed download leads to (another try later, or a recorded reason).
 */
import type { Attachment } from '../../../channels/types.js';
import { MediaTooLargeError } from '../../../channels/media-errors.js';
import { ChannelError } from '../../../channels/types.js';

/** Reasons recorded in `attachment.skipped`; the UI shows each in words. */
export type MediaSkipReason = 'too large' | 'expired' | 'failed';

/** A download is tried this many times in all before the attachment is marked failed. */
export const MAX_MEDIA_ATTEMPTS = 6;

/** An attachment the platform holds (`fileId`) that we neither stored nor gave up on. */
export function isPendingMedia(a: Attachment): boolean {
  return typeof a.fileId === 'string' && a.fileId !== '' && !a.storageKey && !a.skipped;
}

export function pendingMediaIndexes(attachments: readonly Attachment[]): number[] {
  return attachments.flatMap((a, i) => (isPendingMedia(a) ? [i] : []));
}

export function hasPendingMedia(attachments: readonly Attachment[]): boolean {
  return attachments.some(isPendingMedia);
}

/** The platform already told us the file is over the cap: no download at all. */
export function announcedTooLarge(a: Attachment, maxBytes: number): boolean {
  return typeof a.size === 'number' && a.size > maxBytes;
}

export type FailureDecision = { action: 'retry'; delaySeconds: number } | { action: 'skip'; reason: MediaSkipReason };

/**
 * `attempt` counts from 0 (the first try). Network trouble and rate limits are retried with
 * exponential backoff (1, 2, 4, 8, 16 s; a rate limit's own wait when longer); a file over the
 * cap or gone is recorded at once; anything else (auth, a refused request, no channel) fails.
 */
export function decideAfterFailure(err: unknown, attempt: number): FailureDecision {
  if (err instanceof MediaTooLargeError) return { action: 'skip', reason: 'too large' };
  if (err instanceof ChannelError && err.code === 'NOT_FOUND') return { action: 'skip', reason: 'expired' };
  if (err instanceof ChannelError && err.retryable && attempt + 1 < MAX_MEDIA_ATTEMPTS) {
    const backoff = 2 ** attempt;
    const asked = Math.ceil((err.retryAfterMs ?? 0) / 1000);
    return { action: 'retry', delaySeconds: Math.min(Math.max(backoff, asked), 3600) };
  }
  return { action: 'skip', reason: 'failed' };
}
