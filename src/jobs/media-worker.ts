/**
 * Keeps owners' files: the job that downloads an inbound message's attachments (enqueued by
 * receiveInbound after the commit) and a sweep that finds messages whose job was never
 * enqueued (a process that stopped right after the commit, or the Workers entry, which runs
 * no queue).
 */
import { and, gt, lt, sql } from 'drizzle-orm';
import { MEDIA_PENDING_SQL, messages } from '../../db/schema/index.js';
import { keepMessageMedia } from '../services/media/keep-media.js';
import type { MediaSource } from '../services/media/media-source.js';
import type { ServiceDeps } from '../services/ports.js';
import { MEDIA_QUEUE, MEDIA_SWEEP_QUEUE, type Jobs } from './queue.js';

export interface MediaJobOptions {
  maxBytes: number;
  pollSeconds: number;
}

/** Enqueued jobs get this long before the sweep assumes they were lost. */
const STRANDED_AFTER_MS = 60_000;
/** Platforms keep media for days at best (WeChat: 3); older leftovers are not chased. */
const SWEEP_WINDOW_MS = 3 * 24 * 3600_000;
/** Downloads are I/O-bound: two run side by side on each instance. */
const WORKERS = 2;

export async function startMediaJobs(jobs: Jobs, deps: ServiceDeps, source: MediaSource, opts: MediaJobOptions): Promise<void> {
  for (let i = 0; i < WORKERS; i++) {
    await jobs.boss.work<{ messageId: string; attempt?: number }>(MEDIA_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollSeconds }, async ([job]) => {
      if (!job) return;
      const attempt = job.data.attempt ?? 0;
      const outcome = await keepMessageMedia(deps, source, job.data.messageId, { maxBytes: opts.maxBytes, attempt });
      if (outcome.status === 'retry') await jobs.enqueueMediaDownload(job.data.messageId, { delaySeconds: outcome.delaySeconds, attempt: attempt + 1 });
    });
  }

  await jobs.boss.work(MEDIA_SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    const now = deps.clock.now().getTime();
    const stranded = await deps.db
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(
          // The same predicate as messages_media_pending_idx, so only pending rows are read.
          sql.raw(`direction = 'in' and ${MEDIA_PENDING_SQL}`),
          gt(messages.createdAt, new Date(now - SWEEP_WINDOW_MS)),
          lt(messages.createdAt, new Date(now - STRANDED_AFTER_MS)),
        ),
      )
      .limit(200);
    // A message with a job already waiting is a no-op here (one queued job per message).
    for (const m of stranded) await jobs.enqueueMediaDownload(m.id);
  });
  await jobs.boss.schedule(MEDIA_SWEEP_QUEUE, '* * * * *');
}
