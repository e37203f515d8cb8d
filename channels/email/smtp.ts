/**
 * Outgoing mail of one mailbox over SMTP (nodemailer), and what an SMTP failure means for
 * delivery: a 4xx is "try again later" (greylisting, a full queue), a 5xx is final and its
 * text is what the agent sees on the failed reply. Node-only: the Workers entry never imports it.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { ChannelError } from '../types.js';

export interface SmtpConnectionSettings {
  host: string;
  port: number;
  secure: boolean;
  /** Null: no AUTH. */
  user: string | null;
  password: string | null;
}

export type SmtpTransport = Transporter;

export interface SmtpTimeouts {
  connectionTimeout: number;
  greetingTimeout: number;
  socketTimeout: number;
}

/** Agents' replies may carry attachments, hence the longer socket timeout; notification mail passes shorter ones. */
const CHANNEL_TIMEOUTS: SmtpTimeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

/** A pooled nodemailer transport; the one way Huixin opens SMTP connections. */
export function createSmtpTransport(s: SmtpConnectionSettings, timeouts: SmtpTimeouts = CHANNEL_TIMEOUTS): SmtpTransport {
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.secure,
    auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
    pool: true,
    maxConnections: 2,
    ...timeouts,
  });
}

const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPROTOCOL']);

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null && name in err ? (err as Record<string, unknown>)[name] : undefined;
}

/** The server's own words when it gave any (`550 5.1.1 <x>: Recipient address rejected`). */
function serverText(err: unknown): string {
  const response = field(err, 'response');
  if (typeof response === 'string' && response.trim() !== '') return response.trim();
  return err instanceof Error ? err.message : String(err);
}

/** Maps a nodemailer error to the channel's error codes (see deliver-message.ts for the retry rules). */
export function smtpChannelError(err: unknown): ChannelError {
  const responseCode = field(err, 'responseCode');
  const code = field(err, 'code');
  if (typeof responseCode === 'number') {
    const text = `SMTP ${serverText(err)}`;
    if (responseCode >= 400 && responseCode < 500) return new ChannelError('email', 'NETWORK', text, { cause: err });
    if (responseCode === 530 || responseCode === 534 || responseCode === 535) return new ChannelError('email', 'AUTH', text, { cause: err });
    if (responseCode >= 500) return new ChannelError('email', 'INVALID', text, { cause: err });
  }
  if (code === 'EAUTH') return new ChannelError('email', 'AUTH', `SMTP authentication failed: ${serverText(err)}`, { cause: err });
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return new ChannelError('email', 'NETWORK', `SMTP connection failed: ${serverText(err)}`, { cause: err });
  return new ChannelError('email', 'NETWORK', `SMTP send failed: ${serverText(err)}`, { cause: err });
}

export async function sendSmtp(transport: SmtpTransport, mail: Mail.Options): Promise<void> {
  try {
    const info = (await transport.sendMail(mail)) as { accepted?: unknown[]; rejected?: unknown[]; response?: string };
    // Accepted for anyone means it went out: calling that a failure would invite a resend.
    if ((info.accepted?.length ?? 0) === 0 && Array.isArray(info.rejected) && info.rejected.length > 0) {
      throw new ChannelError('email', 'INVALID', `SMTP rejected ${info.rejected.map(String).join(', ')}: ${info.response ?? ''}`.trim());
    }
  } catch (err) {
    if (err instanceof ChannelError) throw err;
    throw smtpChannelError(err);
  }
}
