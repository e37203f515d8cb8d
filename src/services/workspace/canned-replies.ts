/**
 * Canned replies (规范服务用语): team-wide ones (no owner) and each agent's personal ones.
 * Seeded with the center's standard phrases in zh-CN and en.
 */
import { and, asc, eq, isNull, or } from 'drizzle-orm';
import { cannedReplies } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { can, type Principal } from '../../domain/permissions.js';
import { STANDARD_PHRASES } from './standard-phrases.js';

export type CannedReply = typeof cannedReplies.$inferSelect;

export interface CannedReplyInput {
  shortcode: string;
  title: string;
  content: string;
  locale: 'zh-CN' | 'en';
  folder: string;
  /** Team-wide replies need settings.manage; personal ones belong to their author. */
  scope: 'team' | 'personal';
}

export class CannedReplyConflict extends Error {}
export class NotAllowed extends Error {}

export interface CannedReplyView {
  id: string;
  shortcode: string;
  title: string;
  content: string;
  locale: 'zh-CN' | 'en';
  folder: string;
  scope: 'team' | 'personal';
}

const toView = (r: CannedReply): CannedReplyView => ({
  id: r.id,
  shortcode: r.shortcode,
  title: r.title,
  content: r.content,
  locale: r.locale,
  folder: r.folder,
  scope: r.ownerId ? 'personal' : 'team',
});

/** Team-wide replies and the agent's own, by folder then shortcode. */
export async function listCannedReplies(db: Db, user: Principal): Promise<CannedReplyView[]> {
  const rows = await db
    .select()
    .from(cannedReplies)
    .where(or(isNull(cannedReplies.ownerId), eq(cannedReplies.ownerId, user.id)))
    .orderBy(asc(cannedReplies.folder), asc(cannedReplies.shortcode), asc(cannedReplies.locale));
  return rows.map(toView);
}

function assertMayWrite(user: Principal, scope: 'team' | 'personal') {
  if (scope === 'team' && !can(user, 'settings.manage')) throw new NotAllowed('team-wide replies need settings.manage');
}

export async function createCannedReply(db: Db, user: Principal, input: CannedReplyInput): Promise<CannedReplyView> {
  assertMayWrite(user, input.scope);
  const [row] = await db
    .insert(cannedReplies)
    .values({ ...input, ownerId: input.scope === 'personal' ? user.id : null })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new CannedReplyConflict(`shortcode /${input.shortcode} already exists in ${input.locale}`);
  return toView(row);
}

async function findWritable(db: Db, user: Principal, id: string): Promise<CannedReply | null> {
  const [row] = await db.select().from(cannedReplies).where(eq(cannedReplies.id, id));
  if (!row) return null;
  if (row.ownerId && row.ownerId !== user.id) return null;
  assertMayWrite(user, row.ownerId ? 'personal' : 'team');
  return row;
}

export async function updateCannedReply(db: Db, user: Principal, id: string, input: Omit<CannedReplyInput, 'scope'>): Promise<CannedReplyView | null> {
  if (!(await findWritable(db, user, id))) return null;
  try {
    const [row] = await db
      .update(cannedReplies)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(cannedReplies.id, id))
      .returning();
    return row ? toView(row) : null;
  } catch (err) {
    if ((err as { code?: unknown }).code === '23505') throw new CannedReplyConflict(`shortcode /${input.shortcode} already exists in ${input.locale}`);
    throw err;
  }
}

export async function deleteCannedReply(db: Db, user: Principal, id: string): Promise<boolean> {
  if (!(await findWritable(db, user, id))) return false;
  await db.delete(cannedReplies).where(and(eq(cannedReplies.id, id)));
  return true;
}

/** Idempotent: adds the standard phrases that are missing, never overwrites an edited one. */
export async function seedStandardPhrases(db: Db): Promise<void> {
  await db
    .insert(cannedReplies)
    .values(STANDARD_PHRASES.map((p) => ({ ...p, ownerId: null })))
    .onConflictDoNothing();
}
