/**
 * Ticket timers and notifications on pg-boss: a scheduled sweep (SLA checks, due follow-ups,
 * no-feedback closing) that runs once per tick across all instances, and a worker that emails
 * the people an escalation notifies — or records that it could not, when no SMTP transport
 * is configured.
 */
import type { Logger } from '../logger.js';
import type { Mailer } from '../services/mailer.js';
import type { ServiceDeps } from '../services/ports.js';
import { claimPendingEmails, finishEmail, strandedEmailTickets, sweepTickets } from '../services/tickets/index.js';
import type { Jobs } from './queue.js';

export const TICKET_SWEEP_QUEUE = 'ticket-sweep';
export const TICKET_EMAIL_QUEUE = 'ticket-email';

/** Emails still pending after this long had their job lost (a crash between commit and enqueue). */
const STRANDED_AFTER_MS = 60_000;
const MAX_ATTEMPTS = 3;

export interface TicketJobOptions {
  /** Null when no SMTP transport is configured: notifications are recorded as not_configured. */
  mailer: Mailer | null;
  pollSeconds: number;
  /** Cron of the sweep; null runs it only when called (tests drive it with their own clock). */
  sweepCron: string | null;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function sendTicketEmails(deps: Pick<ServiceDeps, 'db' | 'clock'>, mailer: Mailer | null, logger: Logger, ticketId: string | null): Promise<void> {
  for (const mail of await claimPendingEmails(deps.db, ticketId)) {
    const now = deps.clock.now();
    if (!mailer) {
      await finishEmail(deps.db, mail.id, { status: 'not_configured', detail: 'no SMTP transport is configured (set SMTP_HOST); the notification was shown in the inbox only' }, now);
      continue;
    }
    if (!mail.to) {
      await finishEmail(deps.db, mail.id, { status: 'failed', detail: 'the recipient has no email address' }, now);
      continue;
    }
    try {
      await mailer.send({ to: mail.to, subject: mail.subject, text: mail.body, html: `<pre style="font-family:inherit">${escapeHtml(mail.body)}</pre>` });
      await finishEmail(deps.db, mail.id, { status: 'sent', detail: null }, now);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // Left pending, the sweep tries again a minute later, up to MAX_ATTEMPTS in all.
      const retry = mail.attempts < MAX_ATTEMPTS;
      await finishEmail(deps.db, mail.id, { status: retry ? 'pending' : 'failed', detail: message }, now);
      logger.warn('ticket notification email failed', { notificationId: mail.id, retry, err });
    }
  }
}

export async function startTicketJobs(jobs: Jobs, deps: ServiceDeps, opts: TicketJobOptions): Promise<{ stop(): void }> {
  const { boss } = jobs;
  await boss.createQueue(TICKET_SWEEP_QUEUE, { name: TICKET_SWEEP_QUEUE, retryLimit: 0, expireInSeconds: 300 });
  await boss.createQueue(TICKET_EMAIL_QUEUE, { name: TICKET_EMAIL_QUEUE, retryLimit: 2, retryDelay: 10, expireInSeconds: 120 });
  if (!opts.mailer) deps.logger.info('ticket escalation emails off: no SMTP transport configured (SMTP_HOST unset)');

  // The sweep is scheduled once a minute, so a slow poll costs nothing; emails may wait a couple of seconds.
  await boss.work(TICKET_SWEEP_QUEUE, { pollingIntervalSeconds: Math.max(opts.pollSeconds, 5) }, async () => {
    const result = await sweepTickets(deps);
    if (result.escalations.length > 0) deps.logger.info('tickets escalated', { count: result.escalations.length });
    for (const ticketId of await strandedEmailTickets(deps.db, new Date(deps.clock.now().getTime() - STRANDED_AFTER_MS))) {
      await boss.send(TICKET_EMAIL_QUEUE, { ticketId });
    }
  });
  await boss.work<{ ticketId: string | null }>(TICKET_EMAIL_QUEUE, { pollingIntervalSeconds: Math.max(opts.pollSeconds, 2) }, async (batch) => {
    for (const job of batch) await sendTicketEmails(deps, opts.mailer, deps.logger, job.data.ticketId ?? null);
  });
  if (opts.sweepCron) await boss.schedule(TICKET_SWEEP_QUEUE, opts.sweepCron);
  else await boss.unschedule(TICKET_SWEEP_QUEUE).catch(() => undefined);

  // Notifications are written with the event that announces them; once it is published, send.
  let stopped = false;
  const unsubscribe = deps.bus.subscribe((e) => {
    if (stopped) return;
    const notifies = e.type === 'ticket.escalated' || (e.type === 'ticket.updated' && e.payload.followUpDue === true);
    const ticketId = e.payload.ticketId;
    if (!notifies || typeof ticketId !== 'string') return;
    boss.send(TICKET_EMAIL_QUEUE, { ticketId }).catch((err: unknown) => deps.logger.warn('could not enqueue ticket email', { ticketId, err }));
  });
  return {
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}
