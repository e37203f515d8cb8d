/**
 * Priority, labels and snooze on one conversation or a selection (bulk actions). Status and
 * assignee changes go through the skeleton's updateConversation, so its rules hold here too.
 */
import { and, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { conversations, labels } from '../../../db/schema/index.js';
import { canReadConversation, type Principal } from '../../domain/permissions.js';
import type { ConversationStatus } from '../../domain/conversation.js';
import { updateConversation } from '../conversations.js';
import type { ServiceDeps, StoredEvent } from '../ports.js';
import { recordEvent } from '../record-event.js';
import { loadConversationView, type ConversationView } from '../views.js';
import type { Priority } from './list-filters.js';

export interface TriagePatch {
  priority?: Priority;
  addLabelIds?: string[];
  removeLabelIds?: string[];
  /** ISO time to snooze until, or null to wake now. */
  snoozedUntil?: string | null;
}

export interface BulkPatch extends TriagePatch {
  status?: ConversationStatus;
  assigneeId?: string | null;
}

export class UnknownLabel extends Error {}
export class BadSnooze extends Error {}

async function assertLabelsExist(deps: ServiceDeps, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await deps.db.select({ id: labels.id }).from(labels).where(inArray(labels.id, ids));
  if (found.length !== new Set(ids).size) throw new UnknownLabel('unknown label id');
}

/** Applies priority/labels/snooze to the conversations the user may read; returns their new views. */
export async function triageConversations(deps: ServiceDeps, user: Principal, ids: string[], patch: TriagePatch): Promise<ConversationView[]> {
  await assertLabelsExist(deps, [...(patch.addLabelIds ?? []), ...(patch.removeLabelIds ?? [])]);
  if (patch.snoozedUntil && new Date(patch.snoozedUntil).getTime() <= deps.clock.now().getTime()) {
    throw new BadSnooze('snooze time must be in the future');
  }
  const published: StoredEvent[] = [];
  const views = await deps.db.transaction(async (tx) => {
    const rows = await tx.select().from(conversations).where(inArray(conversations.id, ids)).for('update');
    const out: ConversationView[] = [];
    for (const row of rows) {
      if (!canReadConversation(user, row.assigneeId)) continue;
      let labelIds = row.labelIds.filter((l) => !(patch.removeLabelIds ?? []).includes(l));
      for (const l of patch.addLabelIds ?? []) if (!labelIds.includes(l)) labelIds = [...labelIds, l];
      await tx
        .update(conversations)
        .set({
          labelIds,
          ...(patch.priority ? { priority: patch.priority } : {}),
          ...(patch.snoozedUntil !== undefined ? { snoozedUntil: patch.snoozedUntil ? new Date(patch.snoozedUntil) : null } : {}),
          updatedAt: deps.clock.now(),
        })
        .where(eq(conversations.id, row.id));
      const view = await loadConversationView(tx, row.id);
      if (!view) continue;
      published.push(await recordEvent(tx, 'conversation.updated', { conversationId: row.id, inboxId: row.inboxId }, { conversation: view }));
      out.push(view);
    }
    return out;
  });
  deps.bus.publish(published);
  return views;
}

/** Bulk actions on a selection: assign, label, resolve (and the triage fields). */
export async function bulkUpdate(deps: ServiceDeps, user: Principal, ids: string[], patch: BulkPatch): Promise<{ updated: number }> {
  const { status, assigneeId, ...triage } = patch;
  const touched = new Set<string>();
  if (Object.keys(triage).length > 0) for (const v of await triageConversations(deps, user, ids, triage)) touched.add(v.id);
  if (status !== undefined || assigneeId !== undefined) {
    for (const id of ids) {
      const view = await updateConversation(deps, user, id, { ...(status ? { status } : {}), ...(assigneeId !== undefined ? { assigneeId } : {}) });
      if (view) touched.add(view.id);
    }
  }
  return { updated: touched.size };
}

/** Wakes every conversation whose snooze ran out (the job calls this every few seconds). */
export async function wakeSnoozed(deps: ServiceDeps): Promise<number> {
  const published: StoredEvent[] = [];
  const woken = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(conversations)
      .set({ snoozedUntil: null, updatedAt: deps.clock.now() })
      .where(and(isNotNull(conversations.snoozedUntil), lte(conversations.snoozedUntil, deps.clock.now())))
      .returning({ id: conversations.id, inboxId: conversations.inboxId });
    for (const r of rows) {
      published.push(await recordEvent(tx, 'conversation.updated', { conversationId: r.id, inboxId: r.inboxId }, { conversation: await loadConversationView(tx, r.id) }));
    }
    return rows.length;
  });
  deps.bus.publish(published);
  return woken;
}

/** An owner who writes again wakes a snoozed conversation at once. */
export async function listLabels(deps: Pick<ServiceDeps, 'db'>) {
  return deps.db.select({ id: labels.id, name: labels.name, color: labels.color }).from(labels).orderBy(labels.name);
}

export class LabelExists extends Error {}

export async function createLabel(deps: Pick<ServiceDeps, 'db'>, input: { name: string; color?: string }) {
  const [row] = await deps.db
    .insert(labels)
    .values({ name: input.name, ...(input.color ? { color: input.color } : {}) })
    .onConflictDoNothing()
    .returning({ id: labels.id, name: labels.name, color: labels.color });
  if (!row) throw new LabelExists(`label ${input.name} exists`);
  return row;
}

/** Removes a label from the catalog and from every conversation that has it. */
export async function deleteLabel(deps: ServiceDeps, id: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [gone] = await tx.delete(labels).where(eq(labels.id, id)).returning({ id: labels.id });
    if (!gone) return false;
    await tx
      .update(conversations)
      .set({ labelIds: sql`array_remove(${conversations.labelIds}, ${id}::uuid)` })
      .where(sql`${conversations.labelIds} @> ARRAY[${id}::uuid]`);
    return true;
  });
}
