/**
 * The email channel as a definition. Mailboxes are inboxes of this kind, but they are created
 * and edited through /api/mailboxes (src/http/routes/mailbox-routes.ts: IMAP and SMTP
 * settings, a watcher per mailbox under a lock), so the generic inbox API lists them and
 * links there instead of creating them (`creatable: false`). Their live side (the IMAP
 * watcher and the SMTP sender) is run by src/start-email.ts, which needs stored data (thread
 * headers, attachments) through its own ports; `create` here therefore answers UNSUPPORTED.
 */
import { z } from 'zod';
import { defineChannel } from '../definition.js';
import { ChannelError } from '../types.js';
import { mailboxConfigSchema, type MailboxConfig } from './config.js';
import { emailCapabilities } from './index.js';

export const emailInboxConfigSchema = mailboxConfigSchema.extend({
  imapPassword: z.string().min(1).describe('IMAP password'),
  smtpPassword: z.string().min(1).nullable().default(null).describe('SMTP password (none: send without AUTH)'),
});
export type EmailInboxConfig = MailboxConfig & { imapPassword: string; smtpPassword: string | null };

export const emailDefinition = defineChannel<EmailInboxConfig>({
  kind: 'email',
  label: { en: 'Email mailbox', 'zh-CN': '电子邮箱' },
  configSchema: emailInboxConfigSchema,
  secretFields: ['imapPassword', 'smtpPassword'],
  capabilities: emailCapabilities,
  accountKey: (config) => config.from.address,
  creatable: false,
  create: () => ({
    kind: 'email',
    configSchema: emailInboxConfigSchema,
    capabilities: emailCapabilities,
    send: () => Promise.reject(new ChannelError('email', 'UNSUPPORTED', 'mailboxes are sent from by the email runtime (src/start-email.ts)')),
  }),
});
