/**
 * Sessions are random tokens; only an HMAC of each (keyed by APP_SECRET) is stored, so
 * neither a leaked table nor a leaked secret alone yields a working session.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { roles, sessions, users } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { DUMMY_HASH, verifyPassword } from './passwords.js';
import type { Clock } from './ports.js';

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: string;
  permissions: string[];
}

export interface Auth {
  login(email: string, password: string): Promise<{ token: string; user: AuthUser; expiresAt: Date } | null>;
  userForToken(token: string): Promise<AuthUser | null>;
  logout(token: string): Promise<void>;
}

export function createAuth(opts: { db: Db; clock: Clock; secret: string; ttlHours: number }): Auth {
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

  return {
    async login(email, password) {
      const [row] = await userQuery().where(eq(users.email, email.trim().toLowerCase()));
      // Verify against a dummy hash for unknown emails so timing does not reveal accounts.
      const ok = await verifyPassword(password, row?.u.passwordHash ?? DUMMY_HASH);
      if (!row || !ok) return null;
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + opts.ttlHours * 3600_000);
      await db.insert(sessions).values({ tokenHash: hashToken(token), userId: row.u.id, expiresAt });
      return { token, expiresAt, user: toUser(row) };
    },
    async userForToken(token) {
      const [row] = await db
        .select({ u: users, roleKey: roles.key, permissions: roles.permissions })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(roles, eq(roles.id, users.roleId))
        .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, clock.now())));
      return row ? toUser(row) : null;
    },
    async logout(token) {
      await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
    },
  };
}
