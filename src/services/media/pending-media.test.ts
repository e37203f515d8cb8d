import { describe, expect, it } from 'vitest';
import { MediaTooLargeError } from '../../../channels/media-errors.js';
import { ChannelError } from '../../../channels/types.js';
import { announcedTooLarge, decideAfterFailure, hasPendingMedia, MAX_MEDIA_ATTEMPTS, pendingMediaIndexes } from './pending-media.js';

describe('pending media', () => {
  it('waits only for attachments with a platform file id that were neither stored nor skipped', () => {
    const list = [
      { kind: 'photo' as const, fileId: 'a' },
      { kind: 'photo' as const, fileId: 'b', storageKey: 'email-blob:x' },
      { kind: 'file' as const, fileId: 'c', skipped: 'too large' },
      { kind: 'file' as const, fileName: 'no-id.pdf' },
      { kind: 'voice' as const, fileId: 'd' },
    ];
    expect(pendingMediaIndexes(list)).toEqual([0, 4]);
    expect(hasPendingMedia(list.slice(1, 4))).toBe(false);
  });

  it('skips a download the platform already sized over the cap', () => {
    expect(announcedTooLarge({ kind: 'video', fileId: 'v', size: 30_000_000 }, 20_000_000)).toBe(true);
    expect(announcedTooLarge({ kind: 'video', fileId: 'v' }, 20_000_000)).toBe(false);
  });
});

describe('decideAfterFailure', () => {
  const network = new ChannelError('telegram', 'NETWORK', 'reset');

  it('retries network trouble with a doubling backoff, then gives up as failed', () => {
    const delays = Array.from({ length: MAX_MEDIA_ATTEMPTS - 1 }, (_, attempt) => decideAfterFailure(network, attempt));
    expect(delays).toEqual([1, 2, 4, 8, 16].map((delaySeconds) => ({ action: 'retry', delaySeconds })));
    expect(decideAfterFailure(network, MAX_MEDIA_ATTEMPTS - 1)).toEqual({ action: 'skip', reason: 'failed' });
  });

  it('waits as long as a rate limit asks', () => {
    const limited = new ChannelError('telegram', 'RATE_LIMITED', 'slow down', { retryAfterMs: 30_000 });
    expect(decideAfterFailure(limited, 0)).toEqual({ action: 'retry', delaySeconds: 30 });
  });

  it('records too large and expired at once, and fails on anything final', () => {
    expect(decideAfterFailure(new MediaTooLargeError('telegram', 10), 0)).toEqual({ action: 'skip', reason: 'too large' });
    expect(decideAfterFailure(new ChannelError('wechat', 'NOT_FOUND', 'gone'), 0)).toEqual({ action: 'skip', reason: 'expired' });
    expect(decideAfterFailure(new ChannelError('telegram', 'AUTH', 'Unauthorized'), 0)).toEqual({ action: 'skip', reason: 'failed' });
    expect(decideAfterFailure(new Error('boom'), 0)).toEqual({ action: 'skip', reason: 'failed' });
  });
});
