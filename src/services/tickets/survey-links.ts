/**
 * The survey link sent to owners on channels without buttons (email, forum private message):
 * `/survey/<token>`, where the token names the follow-up and its expiry and is signed with the
 * app secret. Stateless: nothing is stored for the link, and a forged or stale token is refused
 * before the database is asked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { conversations } from '../../../db/schema/index.js';
import { capabilitiesOf } from '../../../channels/registry.js';
import type { PublicLinks, Tx } from '../ports.js';

const PURPOSE = 'ticket-survey';
const DAY_MS = 24 * 3600_000;
/** Channels that draw the survey as buttons, and logs with no way to show a link, get none. */
const noLink = (channel: string): boolean => {
  const capabilities = capabilitiesOf(channel);
  return capabilities.buttons || capabilities.logOnly === true;
};

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`${PURPOSE}:${body}`).digest('base64url');
}

/** `<followUpId>.<expiry, unix seconds in base 36>.<hmac>` — URL-safe as it stands. */
export function surveyToken(secret: string, followUpId: string, expiresAt: Date): string {
  const body = `${followUpId}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${sign(secret, body)}`;
}

export type SurveyTokenCheck = { ok: true; followUpId: string; expiresAt: Date } | { ok: false; reason: 'invalid' | 'expired' };

export function readSurveyToken(secret: string, token: string, now: Date): SurveyTokenCheck {
  const m = /^([0-9a-f-]{36})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m || !m[1] || !m[2] || !m[3]) return { ok: false, reason: 'invalid' };
  const given = Buffer.from(m[3]);
  const expected = Buffer.from(sign(secret, `${m[1]}.${m[2]}`));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  const expiresAt = new Date(parseInt(m[2], 36) * 1000);
  // Checked only once the signature holds, so "expired" never confirms a forged id.
  if (!(expiresAt.getTime() > now.getTime())) return { ok: false, reason: 'expired' };
  return { ok: true, followUpId: m[1], expiresAt };
}

/** The link stays usable as long as the survey can be answered (at least a day). */
export function surveyLinkExpiry(sentAt: Date, noFeedbackDays: number): Date {
  return new Date(sentAt.getTime() + Math.max(1, noFeedbackDays) * DAY_MS);
}

/**
 * The lines appended to the survey message on a channel without buttons, or null (Telegram,
 * offline channels, or no base URL known yet).
 */
export async function surveyLinkLines(tx: Tx, links: PublicLinks | undefined, conversationId: string, followUpId: string, expiresAt: Date): Promise<string | null> {
  const base = links?.publicUrl().replace(/\/$/, '');
  if (!links || !base) return null;
  const [conv] = await tx.select({ channel: conversations.channel }).from(conversations).where(eq(conversations.id, conversationId));
  if (!conv || noLink(conv.channel)) return null;
  const url = `${base}/survey/${surveyToken(links.secret, followUpId, expiresAt)}`;
  return `在线评价 / Rate online: ${url}`;
}
