/**
 * Idempotent start-up data: the built-in roles, the first admin, and the inboxes that the
 * environment configures. Safe to run on every start and from several instances at once.
 */
import { randomBytes } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { inboxes, roles, users } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { BUILTIN_ROLES } from '../domain/permissions.js';
import type { Logger } from '../logger.js';
import { hashPassword } from './passwords.js';

export async function seedRoles(db: Db): Promise<void> {
  for (const r of BUILTIN_ROLES) {
    await db
      .insert(roles)
      .values({ key: r.key, name: r.name, permissions: r.permissions })
      .onConflictDoUpdate({ target: roles.key, set: { permissions: r.permissions, name: r.name } });
  }
}

export interface AdminSeed {
  email?: string;
  password?: string;
  name: string;
}

/**
 * Creates the admin on first start. Without ADMIN_PASSWORD a password is generated and
 * printed once (to stdout, not the log stream), since nobody could log in otherwise.
 */
export async function ensureAdmin(db: Db, seed: AdminSeed, logger: Logger, print: (line: string) => void): Promise<void> {
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(users);
  if (n > 0) return;
  const [adminRole] = await db.select().from(roles).where(eq(roles.key, 'admin'));
  if (!adminRole) throw new Error('admin role missing; seedRoles must run first');
  const email = (seed.email ?? 'admin@huixin.local').toLowerCase();
  const generated = seed.password ? null : randomBytes(12).toString('base64url');
  const password = seed.password ?? (generated as string);
  const inserted = await db
    .insert(users)
    .values({ email, name: seed.name, passwordHash: await hashPassword(password), roleId: adminRole.id })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (inserted.length === 0) return;
  logger.info('admin user created', { email });
  if (generated) print(`\n  Huixin admin created: ${email}\n  Password (shown once): ${generated}\n`);
}

export async function ensureInbox(db: Db, channel: string, accountKey: string, name: string, config: Record<string, unknown> = {}): Promise<string> {
  const [row] = await db
    .insert(inboxes)
    .values({ channel, accountKey, name, config })
    .onConflictDoUpdate({ target: [inboxes.channel, inboxes.accountKey], set: { config: sql`excluded.config` } })
    .returning({ id: inboxes.id });
  if (!row) throw new Error('inbox upsert returned nothing');
  return row.id;
}
