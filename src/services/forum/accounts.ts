/**
 * Owners' accounts: sign-up with address verification, sign-in, sessions, password reset.
 * Sign-up and reset answer the same way whether or not the address is registered (the mail
 * differs, the page does not), and the password is hashed on every path so timing does not
 * tell either.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { forumAccounts, forumEmailTokens, forumSessions } from '../../../db/schema/index.js';
import type { ForumViewer } from '../../../channels/forum/port.js';
import { normalizeUnit } from '../../domain/forum/units.js';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE } from '../../domain/sign-in-throttle.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../passwords.js';
import { beginSignInAttempt } from '../sign-in-throttle.js';
import { hmac, newToken, readSignedAccountToken, type ForumDeps } from './deps.js';
import { alreadyRegisteredMail, resetMail, verifyMail } from './mail-templates.js';
import { publishClaimsChanged } from './events.js';

const SESSION_DAYS = 30;
const VERIFY_HOURS = 24;
const RESET_HOURS = 1;
/** Unverified sign-in attempts resend the link at most this often. */
const RESEND_MINUTES = 10;

type Account = typeof forumAccounts.$inferSelect;

export function toViewer(a: Account): ForumViewer {
  return {
    accountId: a.id,
    email: a.email,
    displayName: a.displayName,
    unitClaim: a.unitClaim,
    unitStatus: a.unitStatus,
    unitNote: a.unitNote,
    notifyByEmail: a.notifyByEmail,
    suspendedUntil: a.suspendedUntil,
    suspendReason: a.suspendReason,
  };
}

const normEmail = (e: string) => e.trim().toLowerCase();

async function issueToken(deps: ForumDeps, accountId: string, purpose: 'verify' | 'reset', hours: number): Promise<string> {
  const token = newToken();
  await deps.db.insert(forumEmailTokens).values({
    tokenHash: hmac(deps.secret, 'email-token', token),
    accountId,
    purpose,
    expiresAt: new Date(deps.clock.now().getTime() + hours * 3600_000),
  });
  return token;
}

async function byEmail(deps: ForumDeps, email: string): Promise<Account | null> {
  const [a] = await deps.db.select().from(forumAccounts).where(eq(forumAccounts.email, normEmail(email)));
  return a ?? null;
}

export async function signUp(
  deps: ForumDeps,
  input: { email: string; password: string; displayName: string; unit: string | null; baseUrl: string },
): Promise<void> {
  const email = normEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const unit = input.unit ? normalizeUnit(input.unit) : null;
  const [created] = await deps.db
    .insert(forumAccounts)
    .values({ email, passwordHash, displayName: input.displayName.trim(), unitClaim: unit, unitStatus: unit ? 'pending' : 'none' })
    .onConflictDoNothing({ target: forumAccounts.email })
    .returning();
  if (created) {
    const token = await issueToken(deps, created.id, 'verify', VERIFY_HOURS);
    await deps.mail.enqueueMail(verifyMail(email, created.displayName, `${input.baseUrl}/forum/verify?token=${token}`));
    if (unit) await publishClaimsChanged(deps, created.id);
    return;
  }
  const existing = await byEmail(deps, email);
  if (!existing) return;
  if (!existing.emailVerifiedAt) {
    // The first sign-up never verified: send a fresh link rather than telling anyone the address is taken.
    const token = await issueToken(deps, existing.id, 'verify', VERIFY_HOURS);
    await deps.mail.enqueueMail(verifyMail(email, existing.displayName, `${input.baseUrl}/forum/verify?token=${token}`));
    return;
  }
  const token = await issueToken(deps, existing.id, 'reset', RESET_HOURS);
  await deps.mail.enqueueMail(alreadyRegisteredMail(email, `${input.baseUrl}/forum/login`, `${input.baseUrl}/forum/reset/confirm?token=${token}`));
}

/** Marks a one-time token used and returns its account, or null when unknown, used or expired. */
async function consumeToken(deps: ForumDeps, token: string, purpose: 'verify' | 'reset'): Promise<string | null> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(forumEmailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(forumEmailTokens.tokenHash, hmac(deps.secret, 'email-token', token)),
        eq(forumEmailTokens.purpose, purpose),
        isNull(forumEmailTokens.usedAt),
        gt(forumEmailTokens.expiresAt, now),
      ),
    )
    .returning({ accountId: forumEmailTokens.accountId });
  return row?.accountId ?? null;
}

export async function verifyEmail(deps: ForumDeps, token: string): Promise<boolean> {
  const accountId = await consumeToken(deps, token, 'verify');
  if (!accountId) return false;
  await deps.db.update(forumAccounts).set({ emailVerifiedAt: deps.clock.now() }).where(and(eq(forumAccounts.id, accountId), isNull(forumAccounts.emailVerifiedAt)));
  return true;
}

/**
 * Signs an owner in. Failures are counted per account and per client address with the
 * staff's growing delays (src/domain/sign-in-throttle.ts): never a lockout that a stranger
 * can keep going, and a success starts the account's count again.
 */
export async function login(
  deps: ForumDeps,
  email: string,
  password: string,
  baseUrl: string,
  clientAddress = 'unknown',
): Promise<{ ok: true; token: string; expiresAt: Date } | { ok: false; reason: 'invalid' | 'unverified' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number }> {
  const free = deps.freeLoginFailures ?? ACCOUNT_THROTTLE.freeFailures;
  const attempt = await beginSignInAttempt(deps.db, deps.clock, [
    { key: `forum:account:${normEmail(email)}`, policy: { ...ACCOUNT_THROTTLE, freeFailures: free }, resetOnSuccess: true },
    ...(clientAddress !== 'unknown' ? [{ key: `forum:address:${clientAddress}`, policy: { ...ADDRESS_THROTTLE, freeFailures: free * 5 }, resetOnSuccess: false }] : []),
  ]);
  if (!attempt.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: attempt.retryAfterSeconds };
  const account = await byEmail(deps, email);
  const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
  await attempt.settle(Boolean(account && ok));
  if (!account || !ok) return { ok: false, reason: 'invalid' };
  if (!account.emailVerifiedAt) {
    const since = new Date(deps.clock.now().getTime() - RESEND_MINUTES * 60_000);
    const [recent] = await deps.db
      .select({ id: forumEmailTokens.id })
      .from(forumEmailTokens)
      .where(and(eq(forumEmailTokens.accountId, account.id), eq(forumEmailTokens.purpose, 'verify'), gt(forumEmailTokens.createdAt, since)))
      .limit(1);
    if (!recent) {
      const token = await issueToken(deps, account.id, 'verify', VERIFY_HOURS);
      await deps.mail.enqueueMail(verifyMail(account.email, account.displayName, `${baseUrl}/forum/verify?token=${token}`));
    }
    return { ok: false, reason: 'unverified' };
  }
  const token = newToken();
  const expiresAt = new Date(deps.clock.now().getTime() + SESSION_DAYS * 86_400_000);
  await deps.db.insert(forumSessions).values({ tokenHash: hmac(deps.secret, 'forum-session', token), accountId: account.id, expiresAt });
  return { ok: true, token, expiresAt };
}

export async function viewerForSession(deps: ForumDeps, token: string): Promise<ForumViewer | null> {
  const [row] = await deps.db
    .select({ a: forumAccounts })
    .from(forumSessions)
    .innerJoin(forumAccounts, eq(forumAccounts.id, forumSessions.accountId))
    .where(and(eq(forumSessions.tokenHash, hmac(deps.secret, 'forum-session', token)), gt(forumSessions.expiresAt, deps.clock.now())));
  return row ? toViewer(row.a) : null;
}

export async function logout(deps: ForumDeps, token: string): Promise<void> {
  await deps.db.delete(forumSessions).where(eq(forumSessions.tokenHash, hmac(deps.secret, 'forum-session', token)));
}

export async function requestPasswordReset(deps: ForumDeps, email: string, baseUrl: string): Promise<void> {
  const account = await byEmail(deps, email);
  if (!account) return;
  const token = await issueToken(deps, account.id, 'reset', RESET_HOURS);
  await deps.mail.enqueueMail(resetMail(account.email, `${baseUrl}/forum/reset/confirm?token=${token}`));
}

export async function resetPassword(deps: ForumDeps, token: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const accountId = await consumeToken(deps, token, 'reset');
  if (!accountId) return false;
  await deps.db.transaction(async (tx) => {
    const [a] = await tx.select({ v: forumAccounts.emailVerifiedAt }).from(forumAccounts).where(eq(forumAccounts.id, accountId));
    // The link reached the mailbox, which proves the address as well as a verification link would.
    await tx.update(forumAccounts).set({ passwordHash, emailVerifiedAt: a?.v ?? deps.clock.now() }).where(eq(forumAccounts.id, accountId));
    await tx.delete(forumSessions).where(eq(forumSessions.accountId, accountId));
  });
  return true;
}

export async function setUnitClaim(deps: ForumDeps, accountId: string, unit: string): Promise<void> {
  const [a] = await deps.db.select({ status: forumAccounts.unitStatus, claim: forumAccounts.unitClaim }).from(forumAccounts).where(eq(forumAccounts.id, accountId));
  const next = normalizeUnit(unit);
  // A confirmed unit stays confirmed when the owner submits the same one again.
  if (!a || (a.status === 'confirmed' && a.claim === next)) return;
  await deps.db.update(forumAccounts).set({ unitClaim: next, unitStatus: 'pending', unitNote: null }).where(eq(forumAccounts.id, accountId));
  await publishClaimsChanged(deps, accountId);
}

export async function setNotifications(deps: ForumDeps, accountId: string, on: boolean): Promise<void> {
  await deps.db.update(forumAccounts).set({ notifyByEmail: on }).where(eq(forumAccounts.id, accountId));
}

export const UNSUBSCRIBE_PURPOSE = 'unsubscribe';

export async function unsubscribe(deps: ForumDeps, token: string): Promise<boolean> {
  const accountId = readSignedAccountToken(deps.secret, UNSUBSCRIBE_PURPOSE, token);
  if (!accountId) return false;
  const rows = await deps.db.update(forumAccounts).set({ notifyByEmail: false }).where(eq(forumAccounts.id, accountId)).returning({ id: forumAccounts.id });
  return rows.length > 0;
}
