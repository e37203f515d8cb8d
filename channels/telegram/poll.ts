/**
 * Long polling for an install with no public address. The offset moves past an update only
 * after `onUpdates` resolved (the updates are stored), so a database outage delays updates
 * instead of losing them: Telegram hands the same batch out again.
 */
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import { toChannelError } from './errors.js';

// The kinds normalize turns into items; anything else that still arrives is acknowledged and counted.
export const ALLOWED_UPDATES = ['message', 'edited_message', 'business_message', 'edited_business_message', 'my_chat_member', 'callback_query'] as const;

export interface PollingHandle {
  stop(): Promise<void>;
}

export function startTelegramPolling(
  api: Api,
  onUpdates: (updates: Update[]) => Promise<void>,
  log: { warn(msg: string, f?: Record<string, unknown>): void },
  opts: { timeoutSeconds?: number } = {},
): PollingHandle {
  let running = true;
  let offset = 0;
  const controller = new AbortController();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const loop = (async () => {
    let backoff = 500;
    // A webhook left behind by an earlier configuration makes getUpdates fail with 409.
    await api.deleteWebhook().catch((err: unknown) => log.warn('telegram deleteWebhook failed', { err: String(err) }));
    while (running) {
      try {
        const updates = await api.getUpdates(
          { offset, timeout: opts.timeoutSeconds ?? 25, allowed_updates: [...ALLOWED_UPDATES] },
          // grammY types its signal with the abort-controller polyfill; the platform one is compatible.
          controller.signal as unknown as Parameters<Api['getUpdates']>[1],
        );
        if (updates.length > 0) {
          await onUpdates(updates);
          offset = Math.max(...updates.map((u) => u.update_id)) + 1;
        }
        backoff = 500;
      } catch (err) {
        if (!running) break;
        const e = toChannelError(err);
        const wait = e.retryAfterMs ?? backoff;
        log.warn('telegram polling failed, retrying', { err: e.message, waitMs: wait });
        await sleep(wait);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  })();

  return {
    async stop() {
      running = false;
      controller.abort();
      await loop;
    },
  };
}
