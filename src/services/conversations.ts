/** Reading and changing conversations, always through the caller's permissions. */
import { and, asc, eq, gt, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { conversations, events, messages, users } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { keepsOneOpenPerThread, type ConversationStatus } from '../domain/conversation.js';
import { capabilitiesOf } from '../../channels/registry.js';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { can, canReadConversation, type Principal } from '../domain/permissions.js';
import type { ServiceDeps, StoredEvent } from './ports.js';
import { recordEvent, toStoredEvent } from './record-event.js';
import { viewConditions, type WorkspaceListFilter } from './workspace/list-filters.js';
import { conversationQuery, loadConversationView, toConversationView, toMessageViews, type ConversationView, type MessageView } from './views.js';

export interface ListFilter extends WorkspaceListFilter {
  status: ConversationStatus | 'all';
  assignee: 'me' | 'unassigned' | 'all';
  channel?: string;
  cursor?: string;
  limit: number;
}

export class BadCursor extends Error {}

export async function listConversations(db: Db, user: Principal, f: ListFilter): Promise<{ data: ConversationView[]; nextCursor: string | null }> {
  // The same conditions count the unread conversations of a view (workspace/list-filters.ts).
  const where: SQL[] = viewConditions(user, f);
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    if (!c) throw new BadCursor('cursor is not one this API returned');
    const at = new Date(c.at);
    where.push(or(lt(conversations.lastMessageAt, at), and(eq(conversations.lastMessageAt, at), lt(conversations.id, c.id))) as SQL);
  }
  const rows = await conversationQuery(db)
    .where(where.length ? and(...where) : undefined)
    // NULLS LAST, as drizzle-kit declares the activity indexes; a plain
    // DESC means NULLS FIRST, which the planner cannot serve from them: 74 ms instead of 0.3 ms
    // on 100,000 conversations. The column is NOT NULL, so the order is the same.
    .orderBy(sql`${conversations.lastMessageAt} desc nulls last`, sql`${conversations.id} desc nulls last`)
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit).map(toConversationView);
  const last = page[page.length - 1];
  const nextCursor = rows.length > f.limit && last ? encodeCursor({ at: last.lastMessageAt, id: last.id }) : null;
  return { data: page, nextCursor };
}

export async function getConversation(db: Db, user: Principal, id: string): Promise<ConversationView | null> {
  const view = await loadConversationView(db, id);
  if (!view || !canReadConversation(user, view.assignee?.id ?? null)) return null;
  return view;
}

export async function listMessages(db: Db, user: Principal, conversationId: string): Promise<MessageView[] | null> {
  if (!(await getConversation(db, user, conversationId))) return null;
  const rows = await db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.createdAt), asc(messages.id));
  return toMessageViews(db, rows);
}

export class UnknownAssignee extends Error {}

export async function updateConversation(
  deps: ServiceDeps,
  user: Principal,
  id: string,
  patch: { status?: ConversationStatus; assigneeId?: string | null },
): Promise<ConversationView | null> {
  if (!(await getConversation(deps.db, user, id))) return null;
  if (patch.assigneeId) {
    // A switched-off account takes no new work.
    const [u] = await deps.db.select({ id: users.id }).from(users).where(and(eq(users.id, patch.assigneeId), isNull(users.disabledAt)));
    if (!u) throw new UnknownAssignee(`no user ${patch.assigneeId}`);
  }
  const published: StoredEvent[] = [];
  const view = await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(conversations).where(eq(conversations.id, id)).for('update');
    if (!current) return null;
    const set: Partial<typeof conversations.$inferInsert> = { updatedAt: deps.clock.now() };
    if (patch.status) {
      set.status = patch.status;
      if (patch.status === 'resolved') set.openKey = null;
      // Reopening a chat-keyed conversation takes its chat back, unless a newer one holds it.
      else if (current.openKey === null && keepsOneOpenPerThread(capabilitiesOf(current.channel)) && !(await threadTaken(tx, current.inboxId, current.threadKey))) {
        set.openKey = current.threadKey;
      }
    }
    if (patch.assigneeId !== undefined) set.assigneeId = patch.assigneeId;
    await tx.update(conversations).set(set).where(eq(conversations.id, id));
    const v = await loadConversationView(tx, id);
    published.push(await recordEvent(tx, 'conversation.updated', { conversationId: id, inboxId: current.inboxId }, { conversation: v }, set.updatedAt));
    return v;
  });
  deps.bus.publish(published);
  return view;
}

async function threadTaken(tx: Parameters<Parameters<Db['transaction']>[0]>[0], inboxId: string, key: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.inboxId, inboxId), eq(conversations.openKey, key)));
  return Boolean(row);
}

export async function markRead(deps: ServiceDeps, user: Principal, id: string): Promise<boolean> {
  if (!(await getConversation(deps.db, user, id))) return false;
  const published: StoredEvent[] = [];
  await deps.db.transaction(async (tx) => {
    const changed = await tx
      .update(conversations)
      .set({ unreadCount: 0 })
      .where(and(eq(conversations.id, id), gt(conversations.unreadCount, 0)))
      .returning({ inboxId: conversations.inboxId });
    const row = changed[0];
    if (!row) return;
    published.push(await recordEvent(tx, 'conversation.updated', { conversationId: id, inboxId: row.inboxId }, { conversation: await loadConversationView(tx, id) }));
  });
  deps.bus.publish(published);
  return true;
}

/** Events after a sequence number that this user may see, for reconnect catch-up. */
export async function eventsAfter(db: Db, user: Principal, after: number, limit: number): Promise<StoredEvent[]> {
  // The permission filter runs in SQL, before the limit, so a page is never empty while
  // more readable events exist.
  const visible = can(user, 'conversation.read.all')
    ? undefined
    : can(user, 'conversation.read.assigned')
      ? or(isNull(events.conversationId), eq(conversations.assigneeId, user.id))
      : isNull(events.conversationId);
  const rows = await db
    .select({ e: events })
    .from(events)
    .leftJoin(conversations, eq(conversations.id, events.conversationId))
    .where(visible ? and(gt(events.seq, after), visible) : gt(events.seq, after))
    .orderBy(asc(events.seq))
    .limit(limit);
  return rows.map((r) => toStoredEvent(r.e));
}

/** The open conversation of a chat thread (where a tap on a button belongs), or null. */
export async function openConversationOf(deps: Pick<ServiceDeps, 'db'>, inboxId: string, threadKey: string): Promise<string | null> {
  const [row] = await deps.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.inboxId, inboxId), eq(conversations.openKey, threadKey)))
    .limit(1);
  return row?.id ?? null;
}
