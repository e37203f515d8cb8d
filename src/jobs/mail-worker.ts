/**
 * Durable mail: services enqueue, this worker sends through the Mailer. pg-boss retries a
 * temporary failure with backoff; a permanent SMTP refusal (5xx) is logged and dropped.
 */
import type { Logger } from '../logger.js';
import type { MailMessage, MailQueue, Mailer } from '../services/mailer.js';
import { PermanentMailError } from './smtp-mailer.js';
import type { Jobs } from './queue.js';

export const MAIL_QUEUE = 'send-mail';

export async function createMailQueue(jobs: Jobs): Promise<MailQueue> {
  await jobs.boss.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE, retryLimit: 6, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 });
  return {
    async enqueueMail(mail) {
      await jobs.boss.send(MAIL_QUEUE, mail);
    },
  };
}

/** Without a Mailer (SMTP not configured) mail is logged, so a developer can still follow links. */
export async function startMailWorker(jobs: Jobs, mailer: Mailer | null, logger: Logger, pollSeconds: number): Promise<void> {
  await jobs.boss.work<MailMessage>(MAIL_QUEUE, { batchSize: 1, pollingIntervalSeconds: pollSeconds }, async (batch) => {
    for (const job of batch) {
      const mail = job.data;
      if (!mailer) {
        logger.warn('SMTP not configured; mail not sent', { to: mail.to, subject: mail.subject, text: mail.text });
        continue;
      }
      try {
        await mailer.send(mail);
      } catch (err) {
        if (err instanceof PermanentMailError) {
          logger.error('mail refused permanently', { to: mail.to, subject: mail.subject, err });
          continue;
        }
        // One mail per job (batchSize 1), so pg-boss retries exactly the one that failed.
        throw err;
      }
    }
  });
}
