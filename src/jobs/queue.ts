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

export interface Jobs extends JobQueue {
  boss: PgBoss;
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
  return {
    boss,
    async enqueueDelivery(messageId, opts = {}) {
      await boss.send(DELIVER_QUEUE, { messageId }, opts.delaySeconds ? { startAfter: opts.delaySeconds } : {});
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
