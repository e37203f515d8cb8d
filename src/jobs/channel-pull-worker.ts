/**
 * Durable pulls for pull channels (WeCom kf/sync_msg): the webhook route records a job with
 * the callback's hint and acks; a worker here runs the inbox's pull under the inbox's lock.
 * When another instance is pulling that inbox, the job comes back a little later, since
 * items that arrived after that pull's last page would otherwise wait for the next callback.
 */
import type { InboxRuntime } from '../services/inbox-runtime.js';
import type { Logger } from '../logger.js';
import type { Jobs } from './queue.js';

export const PULL_QUEUE = 'channel-pull';
const BUSY_RETRY_SECONDS = 2;
const MAX_BUSY_RETRIES = 15;

interface PullJob {
  inboxId: string;
  hint: Record<string, string>;
  busyRetries?: number;
}

export interface ChannelPullQueue {
  enqueuePull(inboxId: string, hint: Record<string, string>): Promise<void>;
}

export async function startChannelPullWorker(jobs: Jobs, runtime: InboxRuntime, logger: Logger, pollSeconds: number): Promise<ChannelPullQueue> {
  await jobs.boss.createQueue(PULL_QUEUE, { name: PULL_QUEUE, retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 });
  await jobs.boss.work<PullJob>(PULL_QUEUE, { batchSize: 1, pollingIntervalSeconds: pollSeconds }, async ([job]) => {
    if (!job) return;
    const outcome = await runtime.pull(job.data.inboxId, job.data.hint);
    if (outcome === 'busy' && (job.data.busyRetries ?? 0) < MAX_BUSY_RETRIES) {
      await jobs.boss.send(PULL_QUEUE, { ...job.data, busyRetries: (job.data.busyRetries ?? 0) + 1 }, { startAfter: BUSY_RETRY_SECONDS });
    }
    if (outcome === 'unavailable') logger.warn('pull for an inbox that does not run here', { inboxId: job.data.inboxId });
  });
  return {
    async enqueuePull(inboxId, hint) {
      await jobs.boss.send(PULL_QUEUE, { inboxId, hint } satisfies PullJob);
    },
  };
}
