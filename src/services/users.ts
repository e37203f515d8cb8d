/** Staff accounts: create, list (for assignment and for the admin screen), change, switch off. */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { roles, users } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { hashPassword } from './passwords.js';
import type { Clock, EventBus } from './ports.js';

export class UserExists extends Error {}
export class UnknownRole extends Error {}
/** A change that would leave the center without a way in (409). */
export class UserChangeRefused extends Error {}

/** Published when a user's role or name changes, so their open sockets reconnect with the new rights. */
export const USER_CHANGED = 'auth.user_changed';

export interface StaffView {
  id: string;
  name: string;
  email?: string;
  role: string;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export async function createUser(db: Db, input: { email: string; name: string; password: string; role: string }) {
  const [role] = await db.select().from(roles).where(eq(roles.key, input.role));
  if (!role) throw new UnknownRole(`unknown role ${input.role}`);
  const rows = await db
    .insert(users)
    .values({ email: input.email.trim().toLowerCase(), name: input.name, passwordHash: await hashPassword(input.password), roleId: role.id })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  const [user] = rows;
  if (!user) throw new UserExists('a user with that email exists');
  return { ...user, role: role.key };
}

const staffColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: roles.key,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
  lastSignInAt: users.lastSignInAt,
};
type StaffRow = { id: string; name: string; email: string; role: string; disabledAt: Date | null; createdAt: Date; lastSignInAt: Date | null };

function toView(r: StaffRow, withEmail: boolean): StaffView {
  return {
    id: r.id,
    name: r.name,
    ...(withEmail ? { email: r.email } : {}),
    role: r.role,
    disabled: r.disabledAt !== null,
    createdAt: r.createdAt.toISOString(),
    lastSignInAt: r.lastSignInAt?.toISOString() ?? null,
  };
}

/** Emails only for those who manage users; switched-off accounts only when asked for. */
export async function listUsers(db: Db, opts: { withEmail: boolean; includeDisabled: boolean }): Promise<StaffView[]> {
  const rows = await db
    .select(staffColumns)
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(opts.includeDisabled ? undefined : isNull(users.disabledAt))
    .orderBy(asc(users.name));
  return rows.map((r) => toView(r, opts.withEmail));
}

export async function getUser(db: Db, id: string): Promise<StaffView | null> {
  const [row] = await db.select(staffColumns).from(users).innerJoin(roles, eq(roles.id, users.roleId)).where(eq(users.id, id));
  return row ? toView(row, true) : null;
}

export interface UserPatch {
  name?: string;
  role?: string;
  disabled?: boolean;
}

/**
 * Changes a staff account. Nobody switches themselves off, and the last enabled account that
 * may manage users keeps that right (else nobody could undo the change).
 * Returns what changed so the caller can end sessions; null when there is no such user.
 */
export async function updateUser(
  deps: { db: Db; clock: Clock; bus?: EventBus },
  actorId: string,
  id: string,
  patch: UserPatch,
): Promise<{ user: StaffView; disabledNow: boolean } | null> {
  const { db } = deps;
  if (patch.disabled === true && id === actorId) throw new UserChangeRefused('you cannot switch off your own account');
  const outcome = await db.transaction(async (tx) => {
    // Serializes changes that could remove the last manager (two admins demoting each other).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('huixin:user-managers'))`);
    const [current] = await tx.select({ u: users, permissions: roles.permissions }).from(users).innerJoin(roles, eq(roles.id, users.roleId)).where(eq(users.id, id));
    if (!current) return null;
    let roleId = current.u.roleId;
    let permissions = current.permissions;
    if (patch.role !== undefined) {
      const [role] = await tx.select().from(roles).where(eq(roles.key, patch.role));
      if (!role) throw new UnknownRole(`unknown role ${patch.role}`);
      roleId = role.id;
      permissions = role.permissions;
    }
    const wasManager = current.u.disabledAt === null && current.permissions.includes('users.manage');
    const disabled = patch.disabled ?? current.u.disabledAt !== null;
    const staysManager = !disabled && permissions.includes('users.manage');
    if (wasManager && !staysManager) {
      const others = await tx
        .select({ id: users.id })
        .from(users)
        .innerJoin(roles, eq(roles.id, users.roleId))
        .where(and(ne(users.id, id), isNull(users.disabledAt), sql`'users.manage' = any(${roles.permissions})`))
        .limit(1);
      if (others.length === 0) throw new UserChangeRefused('this is the last account that can manage users; give another account that right first');
    }
    const disabledNow = disabled && current.u.disabledAt === null;
    await tx
      .update(users)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        roleId,
        disabledAt: disabled ? (current.u.disabledAt ?? deps.clock.now()) : null,
      })
      .where(eq(users.id, id));
    return { disabledNow, roleChanged: roleId !== current.u.roleId };
  });
  if (!outcome) return null;
  if (outcome.roleChanged) {
    deps.bus?.publish([{ seq: 0, type: USER_CHANGED, conversationId: null, inboxId: null, payload: { userId: id }, createdAt: deps.clock.now() }]);
  }
  const user = await getUser(db, id);
  return user ? { user, disabledNow: outcome.disabledNow } : null;
}
