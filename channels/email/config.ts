/**
 * A mailbox's settings: where to read (IMAP), where to send (SMTP), who we are (From), and
 * whether the provider delivers `local+token@domain` to the mailbox (plus-addressing), and
 * whether a new mail is acknowledged automatically.
 * Passwords travel separately (`MailboxSecrets`) so that what is safe to show never holds them.
 */
import { z } from 'zod';

const host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_[\]-]+$/, 'a host name or IP address');
const port = z.number().int().min(1).max(65535);
const address = z.string().trim().toLowerCase().email().max(320);

export const imapSettingsSchema = z.object({
  host,
  port: port.default(993),
  /** TLS from the first byte (993); false: plain, upgraded with STARTTLS when offered. */
  secure: z.boolean().default(true),
  user: z.string().trim().min(1).max(320),
  folder: z.string().trim().min(1).max(200).default('INBOX'),
});

export const smtpSettingsSchema = z.object({
  host,
  port: port.default(587),
  /** TLS from the first byte (465); false: STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  /** No user: send without AUTH (a relay that trusts our address). */
  user: z.string().trim().min(1).max(320).nullable().default(null),
});

export const mailboxConfigSchema = z.object({
  imap: imapSettingsSchema,
  smtp: smtpSettingsSchema,
  from: z.object({ name: z.string().trim().max(200).default(''), address }),
  /** Reply-To `local+<token>@domain` on outgoing mail; only where the provider supports it. */
  plusAddressing: z.boolean().default(false),
  /** Answer the first mail of a new conversation automatically with its reference number. */
  acknowledge: z.boolean().default(true),
  enabled: z.boolean().default(true),
});
export type MailboxConfig = z.infer<typeof mailboxConfigSchema>;

export interface MailboxSecrets {
  imapPassword: string;
  smtpPassword: string | null;
}

export const mailboxSecretsSchema = z.object({ imapPassword: z.string(), smtpPassword: z.string().nullable() });

/** Everything the watcher and the sender of one mailbox need. */
export interface MailboxSettings extends MailboxConfig {
  inboxId: string;
  secrets: MailboxSecrets;
  maxAttachmentBytes: number;
}

/**
 * `物业客服中心 <support@example.com>` → name and address; a bare address has an empty name.
 * Null when there is no usable address.
 */
export function parseFromHeader(value: string): { name: string; address: string } | null {
  const trimmed = value.trim();
  const angle = /^(.*)<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/.exec(trimmed);
  const rawName = angle ? (angle[1] ?? '') : '';
  const rawAddress = angle ? (angle[2] ?? '') : trimmed;
  const parsed = address.safeParse(rawAddress);
  if (!parsed.success) return null;
  const name = rawName.trim().replace(/^"(.*)"$/, '$1').trim();
  return { name, address: parsed.data };
}

/** The domain our Message-IDs use: the mailbox's own, so they are unique to us. */
export function messageIdDomain(fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase();
  return /^[a-z0-9.-]+$/.test(domain) ? domain : 'huixin.invalid';
}
