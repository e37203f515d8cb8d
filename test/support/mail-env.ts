/**
 * The service center's test mailbox, and the environment that points a Huixin server at it
 * (real Dovecot for IMAP, the SMTP sink for replies), shared by the email suites.
 */
import type { DovecotServer } from './dovecot.js';
import type { SmtpSink } from './smtp-sink.js';

export const MAILBOX = 'kefu@wuye.example.com';
export const MAILBOX_PASSWORD = 'kefu-secret';
export const MAILBOX_USER = { user: MAILBOX, password: MAILBOX_PASSWORD };

export function mailboxEnv(dovecot: DovecotServer, sink: SmtpSink, extra: Record<string, string> = {}): Record<string, string> {
  return {
    IMAP_HOST: dovecot.host,
    IMAP_PORT: String(dovecot.port),
    IMAP_SECURE: 'false',
    IMAP_USER: MAILBOX,
    IMAP_PASSWORD: MAILBOX_PASSWORD,
    SMTP_HOST: sink.host,
    SMTP_PORT: String(sink.port),
    EMAIL_FROM: `物业客服中心 <${MAILBOX}>`,
    ...extra,
  };
}
