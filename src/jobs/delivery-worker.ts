/**
 * The delivery pool: up to `concurrency` replies are sent at once, each job completed on its
 * own, so one slow chat holds one slot and not the queue. Order within a conversation and the
 * per-conversation limit are kept by deliverMessage (in the database); the per-inbox limit by
 * this process's SendPacer. When a reply is done, the next one of its conversation is queued
 * at once instead of waiting for a poll.
 */
import { and, eq, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { messages } from '../../db/schema/index.js';
import { SendPacer } from '../domain/delivery/send-pacer.js';
import { deliverMessage, nextQueuedAfter, type ChannelRegistry, type DeliveryTuning, type SendGate } from '../services/deliver-message.js';
import { markInterruptedSends } from '../services/delivery/interrupted-sends.js';
import type { ServiceDeps } from '../services/ports.js';
import { DELIVER_QUEUE, SWEEP_QUEUE, type Jobs } from './queue.js';

/** How long a queued message may wait before the sweep assumes its job was never enqueued. */
const STRANDED_AFTER_MS = 30_000;
/** Waits up to this long are spent in the worker; longer ones go back to the queue. */
const MAX_PAUSE_MS = 3_000;
/** How often an idle pool looks for sends a dead process left behind. */
const INTERRUPTED_CHECK_MS = 2_000;

export interface DeliveryOptions {
  /** Replies in flight at once (across conversations). */
  concurrency: number;
  /** A send with no answer by then is recorded as `unknown`. */
  sendTimeoutMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { concurrency: 16, sendTimeoutMs: 60_000 };

export interface DeliveryWorkers {
  /** Stops fetching and waits for the sends in flight, so none is left `sending`. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSendGate(pacer = new SendPacer()): SendGate {
  return {
    async acquire(inboxId, perSecond) {
      const r = pacer.reserve(inboxId, perSecond, Date.now(), MAX_PAUSE_MS);
      if (!r.reserved) return { ok: false, retryAfterMs: r.waitMs };
      if (r.waitMs > 0) await sleep(r.waitMs);
      return { ok: true };
    },
    holdBack: (inboxId, ms) => pacer.holdUntil(inboxId, Date.now() + ms),
    pause: sleep,
    maxPauseMs: MAX_PAUSE_MS,
  };
}

export async function startDeliveryWorkers(
  jobs: Jobs,
  deps: ServiceDeps,
  channels: ChannelRegistry,
  pollSeconds: number,
  options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS,
): Promise<DeliveryWorkers> {
  const tuning: DeliveryTuning = { gate: createSendGate(), sendTimeoutMs: options.sendTimeoutMs };
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let wakeIdle: (() => void) | null = null;
  let lastInterruptedCheck = 0;

  const wake = () => wakeIdle?.();
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeIdle = null;
        resolve();
      }
      wakeIdle = done;
    });

  /** Once a reply is final, the next one of its conversation may go: queue it now rather than at the sweep. */
  async function queueNextAfter(messageId: string): Promise<void> {
    const next = await nextQueuedAfter(deps, messageId);
    if (!next) return;
    await jobs.enqueueDelivery(next);
    wake();
  }

  async function resolveInterrupted(): Promise<void> {
    for (const id of await markInterruptedSends(deps, options.sendTimeoutMs)) await queueNextAfter(id);
  }

  async function run(job: PgBoss.Job<{ messageId: string }>): Promise<void> {
    const { messageId } = job.data;
    try {
      const outcome = await deliverMessage(deps, channels, messageId, tuning);
      if (outcome.status === 'retry') await jobs.enqueueDelivery(messageId, { delaySeconds: outcome.delaySeconds });
      if (outcome.status === 'sent' || outcome.status === 'failed' || outcome.status === 'unknown') await queueNextAfter(messageId);
      await jobs.boss.complete(DELIVER_QUEUE, job.id);
    } catch (err) {
      deps.logger.error('delivery job failed', { messageId, err });
      await jobs.boss.fail(DELIVER_QUEUE, job.id, { message: err instanceof Error ? err.message : String(err) }).catch(() => {});
    }
  }

  async function checkInterrupted(): Promise<void> {
    if (Date.now() - lastInterruptedCheck < INTERRUPTED_CHECK_MS) return;
    lastInterruptedCheck = Date.now();
    await resolveInterrupted();
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const free = options.concurrency - inFlight.size;
      if (free <= 0) {
        await Promise.race(inFlight);
        continue;
      }
      let batch: PgBoss.Job<{ messageId: string }>[] = [];
      try {
        await checkInterrupted();
        batch = (await jobs.boss.fetch<{ messageId: string }>(DELIVER_QUEUE, { batchSize: free })) ?? [];
      } catch (err) {
        if (!stopping) deps.logger.warn('delivery fetch failed', { err });
      }
      for (const job of batch) {
        const p = run(job).finally(() => {
          inFlight.delete(p);
          wake();
        });
        inFlight.add(p);
      }
      if (batch.length === 0 && !stopping) await idle(pollSeconds * 1000);
    }
  }

  // A message stored by a process that stopped before it could enqueue (or by the Workers
  // entry, which runs no queue) is picked up here; the claim in deliverMessage keeps it single.
  async function requeueStranded(olderThanMs: number): Promise<void> {
    const stranded = await deps.db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.deliveryStatus, 'queued'),
          sql`coalesce(${messages.deliveryNotBefore}, ${messages.updatedAt} + make_interval(secs => ${olderThanMs / 1000})) < ${deps.clock.now().toISOString()}::timestamptz`,
        ),
      )
      .limit(500);
    for (const m of stranded) await jobs.enqueueDelivery(m.id);
  }

  await resolveInterrupted();
  // At start-up every queued reply is queued again at once: jobs a killed process had fetched
  // stay "active" in the queue until they expire (minutes), and waiting for the sweep would
  // hold those replies back that long. A duplicate job is harmless: the claim keeps it single.
  await requeueStranded(0);
  const looping = loop();

  await jobs.boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    await resolveInterrupted();
    await requeueStranded(STRANDED_AFTER_MS);
  });
  await jobs.boss.schedule(SWEEP_QUEUE, '* * * * *');

  return {
    async stop() {
      stopping = true;
      wake();
      await looping;
      // A send that hangs is left to the timeout's `unknown`; shutdown does not wait for it forever.
      await Promise.race([Promise.allSettled([...inFlight]), sleep(10_000)]);
    },
  };
}
