/**
 * The workspace's conversation filters (inbox, label, priority, snoozed) on top of the
 * skeleton's status/assignee/channel, and the unread counts of built-in and saved views.
 */
import { and, arrayContains, count, eq, gt, isNotNull, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { conversations } from '../../../db/schema/index.js';
import { channelKinds } from '../../../channels/registry.js';
import type { Db } from '../../../db/client.js';
import { can, type Principal } from '../../domain/permissions.js';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** One filter shape for the list query, saved views and counts. */
export const ViewFilterSchema = z.object({
  status: z.enum(['open', 'pending', 'resolved', 'all']).default('open'),
  assignee: z.enum(['me', 'unassigned', 'all']).default('all'),
  channel: z.enum(channelKinds()).optional(),
  inboxId: z.string().uuid().optional(),
  labelId: z.string().uuid().optional(),
  priority: z.enum(PRIORITIES).optional(),
  snoozed: z.boolean().optional(),
});
export type ViewFilter = z.infer<typeof ViewFilterSchema>;

export interface WorkspaceListFilter {
  inboxId?: string;
  labelId?: string;
  priority?: Priority;
  /** true: only snoozed; false: hide snoozed; absent: both. */
  snoozed?: boolean;
}

export function workspaceConditions(f: WorkspaceListFilter): SQL[] {
  const where: SQL[] = [];
  if (f.inboxId) where.push(eq(conversations.inboxId, f.inboxId));
  if (f.labelId) where.push(arrayContains(conversations.labelIds, [f.labelId]));
  if (f.priority) where.push(eq(conversations.priority, f.priority));
  if (f.snoozed === true) where.push(isNotNull(conversations.snoozedUntil));
  if (f.snoozed === false) where.push(isNull(conversations.snoozedUntil));
  return where;
}

/** What a list shows, for one user: listConversations pages it, unreadCounts counts it. */
export function viewConditions(user: Principal, f: WorkspaceListFilter & { status: string; assignee: string; channel?: string }): SQL[] {
  const where = workspaceConditions(f);
  if (f.status !== 'all') where.push(eq(conversations.status, f.status));
  if (f.channel) where.push(eq(conversations.channel, f.channel));
  if (f.assignee === 'me') where.push(eq(conversations.assigneeId, user.id));
  if (f.assignee === 'unassigned') where.push(isNull(conversations.assigneeId));
  if (!can(user, 'conversation.read.all')) where.push(eq(conversations.assigneeId, user.id));
  return where;
}

/** How many conversations in each view have unread messages. */
export async function unreadCounts(db: Db, user: Principal, views: { key: string; filter: ViewFilter }[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of views) {
    const [row] = await db
      .select({ n: count() })
      .from(conversations)
      .where(and(gt(conversations.unreadCount, 0), ...viewConditions(user, v.filter)));
    out[v.key] = Number(row?.n ?? 0);
  }
  return out;
}

export const BUILTIN_VIEWS: { key: string; filter: ViewFilter }[] = [
  { key: 'mine', filter: { status: 'open', assignee: 'me', snoozed: false } },
  { key: 'unassigned', filter: { status: 'open', assignee: 'unassigned', snoozed: false } },
  { key: 'all', filter: { status: 'open', assignee: 'all', snoozed: false } },
];
