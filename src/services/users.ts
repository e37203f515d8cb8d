import { asc, eq } from 'drizzle-orm';
import { roles, users } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { hashPassword } from './passwords.js';

export class UserExists extends Error {}
export class UnknownRole extends Error {}

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

export async function listUsers(db: Db) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: roles.key })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .orderBy(asc(users.name));
}
