/**
 * Agent presence: online, busy, offline. Set by the agent, and by the socket layer when their
 * last connection opens or closes. Changes are events (`presence.updated`) like any other.
 */
import { and, asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { agentPresence, conversations, users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { recordEvent } from '../record-event.js';

export type PresenceStatus = 'online' | 'busy' | 'offline';

export interface PresenceView {
  userId: string;
  name: string;
  status: PresenceStatus;
  capacity: number;
  /** Open or pending conversations assigned to the agent. */
  load: number;
}

export interface PresenceSettings {
  defaultCapacity: number;
}

async function ensureRow(tx: Tx, userId: string, settings: PresenceSettings) {
  await tx.insert(agentPresence).values({ userId, capacity: settings.defaultCapacity }).onConflictDoNothing();
  const [row] = await tx.select().from(agentPresence).where(eq(agentPresence.userId, userId)).for('update');
  if (!row) throw new Error('presence row missing');
  return row;
}

async function loads(db: Db | Tx, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ id: conversations.assigneeId, n: count() })
    .from(conversations)
    .where(and(inArray(conversations.assigneeId, userIds), ne(conversations.status, 'resolved')))
    .groupBy(conversations.assigneeId);
  return new Map(rows.map((r) => [r.id ?? '', Number(r.n)]));
}

export async function presenceView(db: Db | Tx, userId: string): Promise<PresenceView | null> {
  const [row] = await db
    .select({ userId: users.id, name: users.name, status: agentPresence.status, capacity: agentPresence.capacity })
    .from(users)
    .leftJoin(agentPresence, eq(agentPresence.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return null;
  const load = (await loads(db, [userId])).get(userId) ?? 0;
  return { userId: row.userId, name: row.name, status: row.status ?? 'offline', capacity: row.capacity ?? 10, load };
}

export async function listPresence(db: Db, settings: PresenceSettings): Promise<PresenceView[]> {
  const rows = await db
    .select({ userId: users.id, name: users.name, status: agentPresence.status, capacity: agentPresence.capacity })
    .from(users)
    .leftJoin(agentPresence, eq(agentPresence.userId, users.id))
    .where(isNull(users.disabledAt))
    .orderBy(asc(users.name));
  const byUser = await loads(db, rows.map((r) => r.userId));
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    status: r.status ?? 'offline',
    capacity: r.capacity ?? settings.defaultCapacity,
    load: byUser.get(r.userId) ?? 0,
  }));
}

type Change = { kind: 'connect' } | { kind: 'disconnect' } | { kind: 'set'; status: PresenceStatus };

/**
 * Applies a presence change; returns the new status and whether it changed. Connecting
 * restores what the agent last chose; disconnecting starts the offline grace period.
 */
export async function changePresence(deps: ServiceDeps, settings: PresenceSettings, userId: string, change: Change): Promise<{ status: PresenceStatus; changed: boolean }> {
  const published: StoredEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    const row = await ensureRow(tx, userId, settings);
    const now = deps.clock.now();
    const status: PresenceStatus = change.kind === 'connect' ? row.chosen : change.kind === 'disconnect' ? 'offline' : change.status;
    const chosen = change.kind === 'set' && change.status !== 'offline' ? change.status : row.chosen;
    if (status === row.status && chosen === row.chosen) return { status, changed: false };
    await tx
      .update(agentPresence)
      .set({ status, chosen, offlineSince: status === 'offline' ? now : null, updatedAt: now })
      .where(eq(agentPresence.userId, userId));
    if (status !== row.status) published.push(await recordEvent(tx, 'presence.updated', {}, { presence: await presenceView(tx, userId) }));
    return { status, changed: status !== row.status };
  });
  deps.bus.publish(published);
  return result;
}

export async function setCapacity(deps: ServiceDeps, settings: PresenceSettings, userId: string, capacity: number): Promise<PresenceView | null> {
  const published: StoredEvent[] = [];
  const view = await deps.db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!u) return null;
    await ensureRow(tx, userId, settings);
    await tx.update(agentPresence).set({ capacity, updatedAt: sql`now()` }).where(eq(agentPresence.userId, userId));
    const v = await presenceView(tx, userId);
    published.push(await recordEvent(tx, 'presence.updated', {}, { presence: v }));
    return v;
  });
  deps.bus.publish(published);
  return view;
}
