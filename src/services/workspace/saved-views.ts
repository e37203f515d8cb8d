/** An agent's saved views: a name and a filter, listed with live unread counts. */
import { and, asc, eq } from 'drizzle-orm';
import { savedViews } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Principal } from '../../domain/permissions.js';
import { BUILTIN_VIEWS, unreadCounts, ViewFilterSchema, type ViewFilter } from './list-filters.js';

export interface SavedView {
  id: string;
  name: string;
  filter: ViewFilter;
}

function parseFilter(raw: unknown): ViewFilter {
  const parsed = ViewFilterSchema.safeParse(raw);
  // A view saved under an older filter shape still opens, as the default list.
  return parsed.success ? parsed.data : ViewFilterSchema.parse({});
}

export async function listSavedViews(db: Db, userId: string): Promise<SavedView[]> {
  const rows = await db.select().from(savedViews).where(eq(savedViews.userId, userId)).orderBy(asc(savedViews.createdAt));
  return rows.map((r) => ({ id: r.id, name: r.name, filter: parseFilter(r.filter) }));
}

export async function createSavedView(db: Db, userId: string, name: string, filter: ViewFilter): Promise<SavedView> {
  const [row] = await db.insert(savedViews).values({ userId, name, filter }).returning();
  if (!row) throw new Error('saved view insert returned nothing');
  return { id: row.id, name: row.name, filter };
}

export async function deleteSavedView(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db.delete(savedViews).where(and(eq(savedViews.id, id), eq(savedViews.userId, userId))).returning({ id: savedViews.id });
  return rows.length > 0;
}

/** Unread counts of the built-in views (mine, unassigned, all) and the agent's saved ones. */
export async function viewCounts(db: Db, user: Principal): Promise<Record<string, number>> {
  const saved = await listSavedViews(db, user.id);
  return unreadCounts(db, user, [...BUILTIN_VIEWS, ...saved.map((v) => ({ key: v.id, filter: v.filter }))]);
}
