/**
 * Automatic assignment: round-robin among the online agents of an inbox, each up to their
 * capacity; and handing an absent agent's conversations back to the pool after a grace period.
 * One advisory lock serialises assignment so two instances never overfill an agent.
 */
import { and, asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { agentPresence, conversations, inboxMembers, roles, users } from '../../../db/schema/index.js';
import { graceExpired, pickAgent, type AssignCandidate } from '../../domain/workspace/round-robin.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { recordEvent } from '../record-event.js';
import { loadConversationView } from '../views.js';

const ASSIGN_LOCK = 0x68780001;

async function candidatesFor(tx: Tx, inboxId: string): Promise<AssignCandidate[]> {
  const members = await tx.select({ userId: inboxMembers.userId }).from(inboxMembers).where(eq(inboxMembers.inboxId, inboxId));
  const rows = await tx
    .select({ userId: agentPresence.userId, status: agentPresence.status, capacity: agentPresence.capacity, lastAssignedAt: agentPresence.lastAssignedAt })
    .from(agentPresence)
    .innerJoin(users, eq(users.id, agentPresence.userId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(
      and(
        eq(agentPresence.status, 'online'),
        isNull(users.disabledAt),
        sql`'conversation.reply' = any(${roles.permissions})`,
        members.length > 0 ? inArray(agentPresence.userId, members.map((m) => m.userId)) : undefined,
      ),
    );
  if (rows.length === 0) return [];
  const load = await tx
    .select({ id: conversations.assigneeId, n: count() })
    .from(conversations)
    .where(and(inArray(conversations.assigneeId, rows.map((r) => r.userId)), ne(conversations.status, 'resolved')))
    .groupBy(conversations.assigneeId);
  const byUser = new Map(load.map((l) => [l.id ?? '', Number(l.n)]));
  return rows.map((r) => ({ ...r, load: byUser.get(r.userId) ?? 0 }));
}

/** Gives one unassigned open conversation to the next agent; returns who, or null. */
export async function autoAssign(deps: ServiceDeps, conversationId: string): Promise<string | null> {
  const published: StoredEvent[] = [];
  const assigned = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ASSIGN_LOCK})`);
    const [conv] = await tx.select().from(conversations).where(eq(conversations.id, conversationId)).for('update');
    if (!conv || conv.assigneeId || conv.status === 'resolved' || conv.snoozedUntil) return null;
    const userId = pickAgent(await candidatesFor(tx, conv.inboxId));
    if (!userId) return null;
    const now = deps.clock.now();
    await tx.update(conversations).set({ assigneeId: userId, updatedAt: now }).where(eq(conversations.id, conversationId));
    // Real time, not the injectable clock: round-robin order must advance even under a fixed test clock.
    await tx.update(agentPresence).set({ lastAssignedAt: sql`clock_timestamp()` }).where(eq(agentPresence.userId, userId));
    const view = await loadConversationView(tx, conversationId);
    published.push(await recordEvent(tx, 'conversation.updated', { conversationId, inboxId: conv.inboxId }, { conversation: view, assignedBy: 'round_robin' }, now));
    return userId;
  });
  deps.bus.publish(published);
  return assigned;
}

/** Offers the unassigned open conversations, oldest activity first, until nobody has room. */
export async function assignPool(deps: ServiceDeps, limit = 200): Promise<number> {
  const waiting = await deps.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(isNull(conversations.assigneeId), ne(conversations.status, 'resolved'), isNull(conversations.snoozedUntil)))
    .orderBy(asc(conversations.lastMessageAt))
    .limit(limit);
  let n = 0;
  for (const c of waiting) {
    if (!(await autoAssign(deps, c.id))) break;
    n += 1;
  }
  return n;
}

/**
 * After the grace period, an agent who is still offline lets go of their open conversations
 * (they return to the pool). Returns how many were released.
 */
export async function releaseIfStillOffline(deps: ServiceDeps, userId: string, graceSeconds: number): Promise<number> {
  const published: StoredEvent[] = [];
  const released = await deps.db.transaction(async (tx) => {
    const [p] = await tx.select().from(agentPresence).where(eq(agentPresence.userId, userId)).for('update');
    if (!p || p.status !== 'offline' || !graceExpired(p.offlineSince, deps.clock.now(), graceSeconds)) return 0;
    const rows = await tx
      .update(conversations)
      .set({ assigneeId: null, updatedAt: deps.clock.now() })
      .where(and(eq(conversations.assigneeId, userId), ne(conversations.status, 'resolved')))
      .returning({ id: conversations.id, inboxId: conversations.inboxId });
    for (const r of rows) {
      published.push(
        await recordEvent(tx, 'conversation.updated', { conversationId: r.id, inboxId: r.inboxId }, { conversation: await loadConversationView(tx, r.id), releasedFrom: userId }),
      );
    }
    return rows.length;
  });
  deps.bus.publish(published);
  return released;
}

/** Every agent whose grace ran out; the periodic sweep uses this so nothing waits on an empty seat. */
export async function expiredOfflineAgents(deps: ServiceDeps, graceSeconds: number): Promise<string[]> {
  const rows = await deps.db
    .select({ userId: agentPresence.userId, since: agentPresence.offlineSince })
    .from(agentPresence)
    .innerJoin(conversations, and(eq(conversations.assigneeId, agentPresence.userId), ne(conversations.status, 'resolved')))
    .where(eq(agentPresence.status, 'offline'))
    .groupBy(agentPresence.userId, agentPresence.offlineSince);
  return rows.filter((r) => graceExpired(r.since, deps.clock.now(), graceSeconds)).map((r) => r.userId);
}
