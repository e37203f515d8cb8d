/**
 * The Mailer over SMTP with nodemailer, configured from SMTP_* and EMAIL_FROM. Lives under
 * jobs/ because only the mail worker uses it, which keeps nodemailer out of the Workers entry.
 */
import { createSmtpTransport } from '../../channels/email/smtp.js';
import type { Env } from '../config/env.js';
import type { MailMessage, Mailer } from '../services/mailer.js';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

/** Null when SMTP_HOST is unset: mail is then logged instead of sent. */
export function smtpSettings(env: Env): SmtpSettings | null {
  if (!env.SMTP_HOST) return null;
  return {
    host: env.SMTP_HOST,
    port: env.SMTP_PORT,
    secure: env.SMTP_SECURE,
    user: env.SMTP_USER,
    password: env.SMTP_PASSWORD,
    from: env.EMAIL_FROM ?? env.IMAP_USER ?? `no-reply@${env.SMTP_HOST}`,
  };
}

/** Thrown for an answer that will not change on retry (5xx: unknown mailbox, rejected sender). */
export class PermanentMailError extends Error {}

export function createSmtpMailer(s: SmtpSettings): Mailer & { close(): void } {
  const transport = createSmtpTransport(
    { host: s.host, port: s.port, secure: s.secure, user: s.user ?? null, password: s.password ?? null },
    { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
  );
  return {
    async send(mail: MailMessage) {
      try {
        await transport.sendMail({ from: s.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
      } catch (err) {
        const code = (err as { responseCode?: unknown }).responseCode;
        if (typeof code === 'number' && code >= 500) throw new PermanentMailError(`SMTP ${code}: ${(err as Error).message}`, { cause: err });
        throw err;
      }
    },
    close() {
      transport.close();
    },
  };
}
