/**
 * Keeps one sender under a platform's rate (Telegram: about 30 messages a second per bot) by
 * handing out evenly spaced start times instead of letting a burst run into 429s. Spacing
 * rather than a burst allowance leaves the platform's own burst tolerance as headroom for
 * network jitter, so what arrives there never exceeds what we reserved. Pure: the caller
 * passes the time and does the waiting.
 */
export interface PaceReservation {
  /** True when a slot was taken: start the send after `waitMs`. False: come back after `waitMs`. */
  reserved: boolean;
  waitMs: number;
}

export class SendPacer {
  /** Per key: the earliest time (ms) the next send may start. */
  private readonly nextAt = new Map<string, number>();

  /**
   * Takes the next free slot for `key` if it starts within `maxWaitMs`; otherwise reserves
   * nothing and says how long until the next slot, so the caller can reschedule instead of
   * holding a worker that long.
   */
  reserve(key: string, perSecond: number | undefined, nowMs: number, maxWaitMs: number): PaceReservation {
    const free = Math.max(nowMs, this.nextAt.get(key) ?? 0);
    const waitMs = free - nowMs;
    if (waitMs > maxWaitMs) return { reserved: false, waitMs };
    // Whole milliseconds, rounded up: 30/s becomes one start every 34 ms, never 31 in a second.
    const interval = perSecond && perSecond > 0 ? Math.ceil(1000 / perSecond) : 0;
    this.nextAt.set(key, free + interval);
    return { reserved: true, waitMs };
  }

  /** The platform asked us to wait (429 retry_after): nothing for `key` starts before then. */
  holdUntil(key: string, untilMs: number): void {
    this.nextAt.set(key, Math.max(untilMs, this.nextAt.get(key) ?? 0));
  }
}

/**
 * How long a conversation must still wait after its previous reply finished, under a
 * per-conversation limit (Telegram: one message a second per chat). Measured from the end of
 * the previous send, which is after the platform saw it, so the spacing holds where it counts.
 */
export function conversationWaitMs(lastFinishedAtMs: number | null, perConversationPerSecond: number | undefined, nowMs: number): number {
  if (lastFinishedAtMs === null || !perConversationPerSecond || perConversationPerSecond <= 0) return 0;
  const interval = Math.ceil(1000 / perConversationPerSecond);
  // Never more than one interval, even when the clock the rows were stamped with stands still or went back.
  return Math.min(interval, Math.max(0, lastFinishedAtMs + interval - nowMs));
}
