/**
 * Configuration comes only from the environment and is validated once per runtime entry.
 * Every variable is listed in .env.example and README.md.
 */
import { z } from 'zod';
import { parseTrustedProxies } from '../domain/client-address.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const envSchema = z
  .object({
    NODE_ENV: z.string().default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: optionalString,
    DATA_DIR: z.string().default('./.data'),
    APP_SECRET: optionalString,
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    ADMIN_EMAIL: optionalString,
    ADMIN_PASSWORD: optionalString,
    ADMIN_NAME: z.string().default('Admin'),
    PUBLIC_URL: optionalString,
    /** Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed: comma-separated IPs or CIDR ranges. */
    TRUSTED_PROXIES: optionalString,
    TELEGRAM_BOT_TOKEN: optionalString,
    TELEGRAM_WEBHOOK_SECRET: optionalString,
    TELEGRAM_MODE: z.enum(['webhook', 'polling']).optional(),
    TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
    /**
     * `postgres`: socket.io events cross Node instances through @socket.io/postgres-adapter
     * (needed when several instances serve agents; each broadcast then waits for a NOTIFY).
     * `none`: one instance, events stay in the process.
     */
    REALTIME_ADAPTER: z.enum(['postgres', 'none']).default('none'),
    /** How often the job workers look for due work; lower is snappier, higher is quieter. */
    JOB_POLL_SECONDS: z.coerce.number().min(0.5).default(0.5),
    /** Owners' files (photos, voice, documents from Telegram, WeChat …) larger than this are not kept: "not kept: too large". */
    MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
    /** Replies in flight at once, across conversations (each conversation still sends in order). */
    DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    /** A send with no answer after this many seconds is shown as "may have been sent" (unknown). */
    DELIVERY_SEND_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(60),
    SESSION_TTL_HOURS: z.coerce.number().positive().default(24 * 14),
    /** Round-robin new conversations to online agents of the inbox (agent workspace). */
    AUTO_ASSIGN: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    /** Seconds an agent may be offline before their open conversations return to the pool. */
    OFFLINE_GRACE_SECONDS: z.coerce.number().int().min(0).default(300),
    /** Open conversations round-robin gives one agent at most (changeable per agent). */
    AGENT_CAPACITY: z.coerce.number().int().min(0).default(10),
    /** Outgoing mail (forum verification and notifications; the email channel's replies). */
    SMTP_HOST: optionalString,
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
    SMTP_SECURE: z
      .enum(['true', 'false', '1', '0', ''])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    SMTP_USER: optionalString,
    SMTP_PASSWORD: optionalString,
    EMAIL_FROM: optionalString,
    /** The email channel's start-up mailbox (more are added in the admin screen): IMAP to read. */
    IMAP_HOST: optionalString,
    IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
    /** true: TLS from the first byte (port 993); false: STARTTLS when the server offers it. */
    IMAP_SECURE: z
      .enum(['true', 'false', '1', '0', ''])
      .default('true')
      .transform((v) => v !== 'false' && v !== '0'),
    IMAP_USER: optionalString,
    IMAP_PASSWORD: optionalString,
    IMAP_FOLDER: z.string().trim().min(1).default('INBOX'),
    /** Reply-To reply+<token>@ on outgoing mail; only where the mailbox delivers plus-addresses. */
    EMAIL_PLUS_ADDRESSING: z
      .enum(['true', 'false', '1', '0', ''])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    /** The start-up mailbox answers the first mail of a new conversation automatically (with its reference number). */
    EMAIL_ACKNOWLEDGE: z
      .enum(['true', 'false', '1', '0', ''])
      .default('true')
      .transform((v) => v !== 'false' && v !== '0'),
    /** Larger email attachments are recorded as skipped (the mail is still ingested); also caps a reply's files. */
    EMAIL_MAX_ATTACHMENT_MB: z.coerce.number().positive().max(1024).default(25),
    /** Forum abuse limits: sign-ups per IP per hour, free failed logins per account before growing waits (5× that per IP), posts per owner per 10 minutes. */
    FORUM_SIGNUPS_PER_HOUR: z.coerce.number().int().min(1).default(10),
    FORUM_LOGINS_PER_15_MIN: z.coerce.number().int().min(1).default(10),
    FORUM_POSTS_PER_10_MIN: z.coerce.number().int().min(1).default(20),
    /** Largest image an owner may attach, in bytes. */
    FORUM_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(2 * 1024 * 1024),
    /** When the ticket sweep (SLA checks, follow-ups, no-feedback closing) runs; "off" leaves it to explicit calls. */
    TICKET_SWEEP_CRON: z
      .string()
      .default('* * * * *')
      .transform((v) => (v.trim() === '' || v.trim() === 'off' ? null : v.trim())),
  })
  .superRefine((env, ctx) => {
    if (env.TELEGRAM_WEBHOOK_SECRET && !/^[A-Za-z0-9_-]{1,256}$/.test(env.TELEGRAM_WEBHOOK_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'Telegram accepts only 1-256 characters A-Z, a-z, 0-9, _ and -',
      });
    }
    try {
      parseTrustedProxies(env.TRUSTED_PROXIES);
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['TRUSTED_PROXIES'], message: (err as Error).message });
    }
    if (env.APP_SECRET && env.APP_SECRET.length < 16) {
      ctx.addIssue({ code: 'custom', path: ['APP_SECRET'], message: 'must be at least 16 characters' });
    }
    if (env.IMAP_HOST && (!env.IMAP_USER || !env.IMAP_PASSWORD || !env.SMTP_HOST)) {
      ctx.addIssue({ code: 'custom', path: ['IMAP_HOST'], message: 'the email mailbox needs IMAP_USER, IMAP_PASSWORD and SMTP_HOST as well' });
    }
    if (env.DATABASE_URL && !env.APP_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['APP_SECRET'],
        message: 'is required with DATABASE_URL (it signs sessions and encrypts stored credentials)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface TelegramSettings {
  token: string;
  mode: 'webhook' | 'polling';
  webhookSecret?: string;
  apiRoot: string;
}

export function telegramSettings(env: Env): TelegramSettings | null {
  if (!env.TELEGRAM_BOT_TOKEN) return null;
  // Webhook when a secret is set (a public address exists), long polling otherwise.
  const mode = env.TELEGRAM_MODE ?? (env.TELEGRAM_WEBHOOK_SECRET ? 'webhook' : 'polling');
  return { token: env.TELEGRAM_BOT_TOKEN, mode, webhookSecret: env.TELEGRAM_WEBHOOK_SECRET, apiRoot: env.TELEGRAM_API_ROOT };
}

export class ConfigError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
