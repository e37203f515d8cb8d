/** Departments that receive tickets, their members and head. */
import { asc, eq, inArray } from 'drizzle-orm';
import { departmentMembers, departments, users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../ports.js';
import { isUuid, TicketError } from './errors.js';

type Reader = Db | Tx;

/** The departments every service center starts with; names are what staff call them. */
export const SEED_DEPARTMENTS = [
  { key: 'maintenance', name: '维修部' },
  { key: 'engineering', name: '工程部' },
  { key: 'finance', name: '财务部' },
  { key: 'security', name: '秩序部' },
  { key: 'cleaning', name: '保洁部' },
] as const;

export interface DepartmentView {
  id: string;
  key: string | null;
  name: string;
  active: boolean;
  head: { id: string; name: string } | null;
  members: { id: string; name: string }[];
}

export async function seedDepartments(db: Db): Promise<void> {
  for (const d of SEED_DEPARTMENTS) await db.insert(departments).values(d).onConflictDoNothing({ target: departments.key });
}

export async function listDepartments(db: Reader): Promise<DepartmentView[]> {
  const rows = await db.select().from(departments).orderBy(asc(departments.createdAt), asc(departments.name));
  return toViews(db, rows);
}

export async function getDepartment(db: Reader, id: string): Promise<DepartmentView | null> {
  if (!isUuid(id)) return null;
  const rows = await db.select().from(departments).where(eq(departments.id, id));
  return (await toViews(db, rows))[0] ?? null;
}

async function toViews(db: Reader, rows: (typeof departments.$inferSelect)[]): Promise<DepartmentView[]> {
  if (rows.length === 0) return [];
  const members = await db
    .select({ departmentId: departmentMembers.departmentId, id: users.id, name: users.name })
    .from(departmentMembers)
    .innerJoin(users, eq(users.id, departmentMembers.userId))
    .where(inArray(departmentMembers.departmentId, rows.map((r) => r.id)))
    .orderBy(asc(users.name));
  const headIds = rows.map((r) => r.headId).filter((id): id is string => id !== null);
  const heads = new Map<string, string>();
  if (headIds.length > 0) for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, headIds))) heads.set(u.id, u.name);
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    name: r.name,
    active: r.active,
    head: r.headId ? { id: r.headId, name: heads.get(r.headId) ?? '' } : null,
    members: members.filter((m) => m.departmentId === r.id).map((m) => ({ id: m.id, name: m.name })),
  }));
}

async function assertUsers(db: Reader, ids: string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.some((id) => !isUuid(id))) throw new TicketError('unknown_user', 'unknown user id');
  if (wanted.length === 0) return;
  const found = await db.select({ id: users.id }).from(users).where(inArray(users.id, wanted));
  if (found.length !== wanted.length) throw new TicketError('unknown_user', 'unknown user id');
}

export interface DepartmentInput {
  name?: string;
  headId?: string | null;
  memberIds?: string[];
  active?: boolean;
}

/** Creates or changes a department; the head is always made a member too. */
export async function saveDepartment(db: Db, id: string | null, input: DepartmentInput): Promise<DepartmentView | null> {
  const memberIds = input.memberIds ? [...new Set([...input.memberIds, ...(input.headId ? [input.headId] : [])])] : undefined;
  await assertUsers(db, [...(memberIds ?? []), ...(input.headId ? [input.headId] : [])]);
  const savedId = await db.transaction(async (tx) => {
    let depId: string;
    if (id === null) {
      if (!input.name) throw new TicketError('invalid', 'name is required');
      const [row] = await tx.insert(departments).values({ name: input.name, headId: input.headId ?? null, active: input.active ?? true }).returning({ id: departments.id });
      if (!row) throw new Error('department insert returned nothing');
      depId = row.id;
    } else {
      if (!isUuid(id)) return null;
      const patch: Partial<typeof departments.$inferInsert> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.headId !== undefined) patch.headId = input.headId;
      if (input.active !== undefined) patch.active = input.active;
      const rows = Object.keys(patch).length
        ? await tx.update(departments).set(patch).where(eq(departments.id, id)).returning({ id: departments.id })
        : await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
      if (rows.length === 0) return null;
      depId = id;
    }
    if (memberIds) {
      // A member list that leaves out the head keeps the head: the head mark and the
      // department's queue belong together.
      if (input.headId === undefined) {
        const [dep] = await tx.select({ headId: departments.headId }).from(departments).where(eq(departments.id, depId));
        if (dep?.headId && !memberIds.includes(dep.headId)) memberIds.push(dep.headId);
      }
      await tx.delete(departmentMembers).where(eq(departmentMembers.departmentId, depId));
      if (memberIds.length > 0) await tx.insert(departmentMembers).values(memberIds.map((userId) => ({ departmentId: depId, userId })));
    } else if (input.headId) {
      await tx.insert(departmentMembers).values({ departmentId: depId, userId: input.headId }).onConflictDoNothing();
    }
    return depId;
  });
  return savedId ? getDepartment(db, savedId) : null;
}

/** Ids of the departments a user belongs to or heads (their queues). */
export async function departmentsOf(db: Reader, userId: string): Promise<string[]> {
  const member = await db.select({ id: departmentMembers.departmentId }).from(departmentMembers).where(eq(departmentMembers.userId, userId));
  const headed = await db.select({ id: departments.id }).from(departments).where(eq(departments.headId, userId));
  return [...new Set([...member, ...headed].map((r) => r.id))];
}
