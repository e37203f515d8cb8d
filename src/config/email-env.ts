/**
 * The one mailbox that environment variables configure (so a first install works without the
 * admin screen): IMAP_* to read, the SMTP_* that the rest of Huixin's mail uses to send, and
 * EMAIL_FROM (`物业客服中心 <support@example.com>`) as who we are.
 */
import { parseFromHeader } from '../../channels/email/config.js';
import type { MailboxInput } from '../services/email/mailboxes.js';
import type { Env } from './env.js';

export class EmailEnvError extends Error {}

export function emailMailboxFromEnv(env: Env): MailboxInput | null {
  if (!env.IMAP_HOST || !env.IMAP_USER || !env.IMAP_PASSWORD || !env.SMTP_HOST) return null;
  const from = parseFromHeader(env.EMAIL_FROM ?? env.IMAP_USER);
  if (!from) throw new EmailEnvError('EMAIL_FROM (or IMAP_USER) must name the mailbox address, e.g. "物业客服中心 <support@example.com>"');
  return {
    name: from.name || from.address,
    from,
    imap: { host: env.IMAP_HOST, port: env.IMAP_PORT, secure: env.IMAP_SECURE, user: env.IMAP_USER, password: env.IMAP_PASSWORD, folder: env.IMAP_FOLDER },
    smtp: { host: env.SMTP_HOST, port: env.SMTP_PORT, secure: env.SMTP_SECURE, user: env.SMTP_USER ?? null, password: env.SMTP_PASSWORD ?? null },
    plusAddressing: env.EMAIL_PLUS_ADDRESSING,
    acknowledge: env.EMAIL_ACKNOWLEDGE,
    enabled: true,
  };
}

export function maxAttachmentBytes(env: Env): number {
  return Math.round(env.EMAIL_MAX_ATTACHMENT_MB * 1024 * 1024);
}
