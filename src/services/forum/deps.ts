/** What the forum's services need beyond the common ServiceDeps. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MailQueue } from '../mailer.js';
import type { ServiceDeps } from '../ports.js';

export interface ForumDeps extends ServiceDeps {
  mail: MailQueue;
  /** APP_SECRET: keys the HMACs of sessions, one-time links and unsubscribe tokens. */
  secret: string;
  /** The forum's inbox. */
  inboxId: string;
  /** Base of links in mail sent outside a request (PUBLIC_URL, or this server's address). */
  publicUrl(): string;
  /** Failed sign-ins per owner account that cost no wait (FORUM_LOGINS_PER_15_MIN; 5× per client address). */
  freeLoginFailures?: number;
}

export function hmac(secret: string, purpose: string, value: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${value}`).digest('base64url');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A signed, stateless token naming an account (unsubscribe links). */
export function signedAccountToken(secret: string, purpose: string, accountId: string): string {
  return `${accountId}.${hmac(secret, purpose, accountId)}`;
}

export function readSignedAccountToken(secret: string, purpose: string, token: string): string | null {
  const [id, sig] = token.split('.', 2);
  if (!id || !sig || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  return safeEqual(sig, hmac(secret, purpose, id)) ? id : null;
}
