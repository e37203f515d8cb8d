/**
 * Durable jobs on PostgreSQL (or PGlite) through pg-boss: replies are delivered by workers
 * that survive restarts and never run a job twice at once across instances.
 */
import PgBoss from 'pg-boss';
import type { Database } from '../../db/client.js';
import type { Logger } from '../logger.js';
import type { JobQueue } from '../services/ports.js';

export const DELIVER_QUEUE = 'deliver-message';
export const SWEEP_QUEUE = 'delivery-sweep';
export const MEDIA_QUEUE = 'keep-media';
export const MEDIA_SWEEP_QUEUE = 'media-sweep';

export interface Jobs extends JobQueue {
  boss: PgBoss;
  enqueueMediaDownload(messageId: string, opts?: { delaySeconds?: number; attempt?: number }): Promise<void>;
  stop(): Promise<void>;
}

export async function startJobQueue(database: Database, logger: Logger): Promise<Jobs> {
  const boss = database.raw
    ? new PgBoss({ db: database.raw, schema: 'pgboss', supervise: true, schedule: true })
    : new PgBoss({ connectionString: database.url, schema: 'pgboss', max: 4, supervise: true, schedule: true });
  boss.on('error', (err: unknown) => logger.error('job queue error', { err }));
  await boss.start();
  // The pool's own send timeout (DELIVERY_SEND_TIMEOUT_SECONDS, 60 s) records a hanging send as
  // `unknown` before this expiry; a retried job that finds the message still "sending" after
  // a crash marks it `unknown` too, never sending it twice.
  await boss.createQueue(DELIVER_QUEUE, { name: DELIVER_QUEUE, retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 });
  await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, retryLimit: 0, expireInSeconds: 60 });
  // Owners' files: `stately` keeps one queued and one running job per message (the singleton
  // key), so a sweep or a retry never downloads a file twice at once. Retries are our own jobs
  // (attempt in the data, backoff by the failure); the expiry is far past a download's timeout.
  await boss.createQueue(MEDIA_QUEUE, { name: MEDIA_QUEUE, policy: 'stately', retryLimit: 1, retryDelay: 30, expireInSeconds: 900 });
  await boss.createQueue(MEDIA_SWEEP_QUEUE, { name: MEDIA_SWEEP_QUEUE, retryLimit: 0, expireInSeconds: 60 });
  return {
    boss,
    async enqueueDelivery(messageId, opts = {}) {
      await boss.send(DELIVER_QUEUE, { messageId }, opts.delaySeconds ? { startAfter: opts.delaySeconds } : {});
    },
    async enqueueMediaDownload(messageId, opts = {}) {
      await boss.send(MEDIA_QUEUE, { messageId, attempt: opts.attempt ?? 0 }, { singletonKey: messageId, ...(opts.delaySeconds ? { startAfter: opts.delaySeconds } : {}) });
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
