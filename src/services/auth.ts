/**
 * Sessions are random tokens; only an HMAC of each (keyed by APP_SECRET) is stored, so
 * neither a leaked table nor a leaked secret alone yields a working session. A session's
 * public id (what the session lists show) is its row id, never the token or its hash.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, ne } from 'drizzle-orm';
import { roles, sessions, users } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE } from '../domain/sign-in-throttle.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';
import type { Clock, EventBus } from './ports.js';
import { beginSignInAttempt } from './sign-in-throttle.js';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: string;
  permissions: string[];
  /** The session this user came with (its public id). */
  sessionId?: string;
}

export interface SignInMeta {
  ip: string;
  userAgent: string | null;
}

export type LoginResult =
  | { ok: true; token: string; user: AuthUser; expiresAt: Date }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

export interface Auth {
  login(email: string, password: string, meta?: SignInMeta): Promise<LoginResult>;
  userForToken(token: string): Promise<AuthUser | null>;
  logout(token: string): Promise<void>;
  listSessions(userId: string, currentSessionId?: string): Promise<SessionView[]>;
  /** Ends one session of the user; false when it is not theirs (or gone). */
  endSession(userId: string, sessionId: string): Promise<boolean>;
  /** Ends every session of the user but `exceptSessionId`, and disconnects their sockets. */
  endSessions(userId: string, exceptSessionId?: string): Promise<void>;
  /**
   * Own password change: the current one is required; other sessions end. Wrong current
   * passwords count against the account's sign-in limit, so a stolen session cannot guess it.
   */
  changePassword(userId: string, currentPassword: string, newPassword: string, keepSessionId?: string): Promise<'ok' | 'wrong_password' | { throttled: number }>;
  /** Admin reset: sets the password (or a generated one) and ends every session of the user. */
  resetPassword(userId: string, password?: string): Promise<{ temporaryPassword: string } | null>;
}

/** Published on the bus when sessions end, so the gateway disconnects their sockets at once. */
export const SESSIONS_ENDED = 'auth.sessions_ended';
export interface SessionsEndedPayload extends Record<string, unknown> {
  userId: string;
  /** null: every session of the user. */
  sessionIds: string[] | null;
  exceptSessionId: string | null;
}

const LAST_SEEN_EVERY_MS = 60_000;

export function createAuth(opts: { db: Db; clock: Clock; secret: string; ttlHours: number; bus?: EventBus }): Auth {
  const { db, clock } = opts;
  const hashToken = (token: string) => createHmac('sha256', opts.secret).update(token).digest('hex');
  const userQuery = () =>
    db.select({ u: users, roleKey: roles.key, permissions: roles.permissions }).from(users).innerJoin(roles, eq(roles.id, users.roleId));
  type Row = Awaited<ReturnType<ReturnType<typeof userQuery>['where']>>[number];
  const toUser = (row: Row): AuthUser => ({
    id: row.u.id,
    email: row.u.email,
    name: row.u.name,
    role: row.roleKey,
    permissions: row.permissions,
  });
  const announce = (payload: SessionsEndedPayload) =>
    opts.bus?.publish([{ seq: 0, type: SESSIONS_ENDED, conversationId: null, inboxId: null, payload, createdAt: clock.now() }]);

  const endSessions: Auth['endSessions'] = async (userId, exceptSessionId) => {
    await db.delete(sessions).where(and(eq(sessions.userId, userId), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined));
    announce({ userId, sessionIds: null, exceptSessionId: exceptSessionId ?? null });
  };

  return {
    async login(email, password, meta) {
      const normalized = email.trim().toLowerCase();
      // Without a known address (no peer, e.g. the Workers entry) only the account counts:
      // one shared "unknown" counter would let one guesser slow everybody down.
      const ip = meta?.ip && meta.ip !== 'unknown' ? meta.ip : null;
      const attempt = await beginSignInAttempt(db, clock, [
        { key: `staff:account:${normalized}`, policy: ACCOUNT_THROTTLE, resetOnSuccess: true },
        ...(ip ? [{ key: `staff:address:${ip}`, policy: ADDRESS_THROTTLE, resetOnSuccess: false }] : []),
      ]);
      if (!attempt.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: attempt.retryAfterSeconds };
      const [row] = await userQuery().where(eq(users.email, normalized));
      // Verify against a dummy hash for unknown emails so timing does not reveal accounts.
      const ok = await verifyPassword(password, row?.u.passwordHash ?? DUMMY_HASH);
      await attempt.settle(Boolean(row && ok));
      if (!row || !ok) return { ok: false, reason: 'invalid' };
      // Said only to whoever knows the password: a guesser learns nothing from it.
      if (row.u.disabledAt) return { ok: false, reason: 'disabled' };
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + opts.ttlHours * 3600_000);
      const [session] = await db
        .insert(sessions)
        .values({ tokenHash: hashToken(token), userId: row.u.id, expiresAt, createdAt: now, lastSeenAt: now, userAgent: meta?.userAgent?.slice(0, 400) ?? null, ip: meta?.ip ?? null })
        .returning({ id: sessions.id });
      await db.update(users).set({ lastSignInAt: now }).where(eq(users.id, row.u.id));
      return { ok: true, token, expiresAt, user: { ...toUser(row), sessionId: session?.id } };
    },
    async userForToken(token) {
      const now = clock.now();
      const [row] = await db
        .select({ u: users, roleKey: roles.key, permissions: roles.permissions, sessionId: sessions.id, lastSeenAt: sessions.lastSeenAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(roles, eq(roles.id, users.roleId))
        .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
      if (!row) return null;
      if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
      }
      return { ...toUser(row), sessionId: row.sessionId };
    },
    async logout(token) {
      const [row] = await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).returning({ id: sessions.id, userId: sessions.userId });
      if (row) announce({ userId: row.userId, sessionIds: [row.id], exceptSessionId: null });
    },
    async listSessions(userId, currentSessionId) {
      const now = clock.now();
      await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
      const rows = await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(sessions.createdAt);
      return rows.map((s) => ({
        id: s.id,
        createdAt: s.createdAt.toISOString(),
        lastSeenAt: s.lastSeenAt.toISOString(),
        userAgent: s.userAgent,
        ip: s.ip,
        current: s.id === currentSessionId,
      }));
    },
    async endSession(userId, sessionId) {
      if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
      const rows = await db.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId))).returning({ id: sessions.id });
      if (rows.length === 0) return false;
      announce({ userId, sessionIds: [sessionId], exceptSessionId: null });
      return true;
    },
    endSessions,
    async changePassword(userId, currentPassword, newPassword, keepSessionId) {
      const [row] = await db.select({ hash: users.passwordHash, email: users.email }).from(users).where(eq(users.id, userId));
      if (!row) return 'wrong_password';
      const attempt = await beginSignInAttempt(db, clock, [{ key: `staff:account:${row.email.toLowerCase()}`, policy: ACCOUNT_THROTTLE, resetOnSuccess: true }]);
      if (!attempt.ok) return { throttled: attempt.retryAfterSeconds };
      const ok = await verifyPassword(currentPassword, row.hash);
      await attempt.settle(ok);
      if (!ok) return 'wrong_password';
      await db.update(users).set({ passwordHash: await hashPassword(newPassword) }).where(eq(users.id, userId));
      await endSessions(userId, keepSessionId);
      return 'ok';
    },
    async resetPassword(userId, password) {
      const temporaryPassword = password ?? generatePassword();
      const rows = await db.update(users).set({ passwordHash: await hashPassword(temporaryPassword) }).where(eq(users.id, userId)).returning({ id: users.id });
      if (rows.length === 0) return null;
      await endSessions(userId);
      return { temporaryPassword };
    },
  };
}

/** 20 characters from an unambiguous alphabet (no 0/O, 1/l/I): about 115 bits. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(40);
  let out = '';
  for (const b of bytes) {
    // 56 letters: 4 * 56 = 224 keeps the choice uniform.
    if (b < 224) out += alphabet[b % 56];
    if (out.length === 20) break;
  }
  return out.length === 20 ? out : generatePassword();
}
