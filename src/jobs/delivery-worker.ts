import { and, eq, sql } from 'drizzle-orm';
import { messages } from '../../db/schema/index.js';
import { deliverMessage, type ChannelRegistry } from '../services/deliver-message.js';
import type { ServiceDeps } from '../services/ports.js';
import { DELIVER_QUEUE, SWEEP_QUEUE, type Jobs } from './queue.js';

/** How long a queued message may wait before the sweep assumes its job was never enqueued. */
const STRANDED_AFTER_MS = 30_000;

export async function startDeliveryWorkers(jobs: Jobs, deps: ServiceDeps, channels: ChannelRegistry, pollSeconds: number): Promise<void> {
  await jobs.boss.work<{ messageId: string }>(DELIVER_QUEUE, { batchSize: 4, pollingIntervalSeconds: pollSeconds }, async (batch) => {
    for (const job of batch) {
      const outcome = await deliverMessage(deps, channels, job.data.messageId);
      if (outcome.status === 'retry') await jobs.enqueueDelivery(job.data.messageId, { delaySeconds: outcome.delaySeconds });
    }
  });

  // A message stored by a process that stopped before it could enqueue (or by the Workers
  // entry, which runs no queue) is picked up here; the claim in deliverMessage keeps it single.
  await jobs.boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    const stranded = await deps.db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          eq(messages.deliveryStatus, 'queued'),
          sql`coalesce(${messages.deliveryNotBefore}, ${messages.updatedAt} + ${`${STRANDED_AFTER_MS} milliseconds`}::interval) < ${deps.clock.now()}`,
        ),
      )
      .limit(500);
    for (const m of stranded) await jobs.enqueueDelivery(m.id);
  });
  await jobs.boss.schedule(SWEEP_QUEUE, '* * * * *');
}
