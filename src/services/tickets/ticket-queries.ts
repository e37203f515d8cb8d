/** Reading tickets, always through the caller's permissions. */
import { and, asc, desc, eq, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { conversations, ticketConversations, ticketEscalations, ticketNotifications, tickets, ticketStatusChanges, users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { can, type Principal } from '../../domain/permissions.js';
import type { TicketStatus } from '../../domain/tickets/index.js';
import type { Tx } from '../ports.js';
import { departmentsOf } from './departments.js';
import { isUuid } from './errors.js';
import { loadTicketView, loadTicketViews, type TicketView } from './ticket-views.js';

export interface TicketFilter {
  status?: 'open' | 'all' | TicketStatus;
  departmentId?: string;
  assignee?: 'me' | 'all';
  conversationId?: string;
  limit: number;
}

const FINISHED: TicketStatus[] = ['resolved', 'followed_up', 'closed'];

/**
 * What a user may read: everything with inbox-wide or ticket rights; otherwise their
 * departments' tickets, those they work or answer for, and those of conversations assigned to them.
 */
async function visibility(db: Db | Tx, user: Principal & { id: string }): Promise<SQL | undefined> {
  if (can(user, 'conversation.read.all') || can(user, 'ticket.manage')) return undefined;
  const deps = await departmentsOf(db, user.id);
  const ofMyConversations = db
    .select({ id: ticketConversations.ticketId })
    .from(ticketConversations)
    .innerJoin(conversations, eq(conversations.id, ticketConversations.conversationId))
    .where(eq(conversations.assigneeId, user.id));
  const own = or(eq(tickets.assigneeId, user.id), eq(tickets.accountableAgentId, user.id), inArray(tickets.id, ofMyConversations));
  return deps.length > 0 ? or(own, inArray(tickets.departmentId, deps)) : own;
}

export async function listTickets(db: Db, user: Principal & { id: string }, f: TicketFilter, now: Date): Promise<TicketView[]> {
  const where: (SQL | undefined)[] = [await visibility(db, user)];
  if (f.status === 'open') where.push(notInArray(tickets.status, FINISHED));
  else if (f.status && f.status !== 'all') where.push(eq(tickets.status, f.status));
  if (f.departmentId) where.push(isUuid(f.departmentId) ? eq(tickets.departmentId, f.departmentId) : sql`false`);
  if (f.assignee === 'me') where.push(eq(tickets.assigneeId, user.id));
  if (f.conversationId) {
    if (!isUuid(f.conversationId)) return [];
    const linked = db.select({ id: ticketConversations.ticketId }).from(ticketConversations).where(eq(ticketConversations.conversationId, f.conversationId));
    where.push(inArray(tickets.id, linked));
  }
  return loadTicketViews(db, and(...where), now, f.limit);
}

export async function canReadTicket(db: Db | Tx, user: Principal & { id: string }, id: string): Promise<boolean> {
  const v = await visibility(db, user);
  const [row] = await db.select({ id: tickets.id }).from(tickets).where(v ? and(eq(tickets.id, id), v) : eq(tickets.id, id));
  return Boolean(row);
}

export interface TicketDetail extends TicketView {
  history: { from: string | null; to: string; actor: { type: string; id: string | null; name: string | null }; note: string | null; at: string }[];
  escalations: { level: number; reason: string; target: string | null; role: string; climbed: boolean; at: string }[];
  notifications: { kind: string; channel: string; status: string; recipient: { id: string; name: string } | null; detail: string | null; createdAt: string; sentAt: string | null }[];
}

export async function getTicket(db: Db, user: Principal & { id: string }, id: string, now: Date): Promise<TicketDetail | null> {
  if (!isUuid(id) || !(await canReadTicket(db, user, id))) return null;
  const view = await loadTicketView(db, id, now);
  if (!view) return null;
  const history = await db
    .select({ c: ticketStatusChanges, name: users.name })
    .from(ticketStatusChanges)
    .leftJoin(users, eq(users.id, ticketStatusChanges.actorId))
    .where(eq(ticketStatusChanges.ticketId, id))
    .orderBy(asc(ticketStatusChanges.at), asc(ticketStatusChanges.id));
  const escalations = await db.select().from(ticketEscalations).where(eq(ticketEscalations.ticketId, id)).orderBy(asc(ticketEscalations.at), asc(ticketEscalations.level));
  const notes = await db
    .select({ n: ticketNotifications, name: users.name })
    .from(ticketNotifications)
    .leftJoin(users, eq(users.id, ticketNotifications.recipientId))
    .where(eq(ticketNotifications.ticketId, id))
    // Per escalation, each person's inbox notice then their email.
    .orderBy(asc(ticketNotifications.createdAt), asc(users.name), desc(ticketNotifications.channel));
  return {
    ...view,
    history: inChainOrder(history, (h) => h.c).map((h) => ({
      from: h.c.fromStatus,
      to: h.c.toStatus,
      actor: { type: h.c.actorType, id: h.c.actorId, name: h.name },
      note: h.c.note,
      at: h.c.at.toISOString(),
    })),
    escalations: escalations.map((e) => ({ level: e.level, reason: e.reason, target: e.target, role: e.role, climbed: e.climbed, at: e.at.toISOString() })),
    notifications: notes.map((n) => ({
      kind: n.n.kind,
      channel: n.n.channel,
      status: n.n.status,
      recipient: n.n.recipientId ? { id: n.n.recipientId, name: n.name ?? '' } : null,
      detail: n.n.detail,
      createdAt: n.n.createdAt.toISOString(),
      sentAt: n.n.sentAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Status changes in the order they happened. Two changes in one request share an instant
 * (followed_up then closed), so within an instant each change follows the one it started from.
 */
export function inChainOrder<T>(rows: readonly T[], key: (row: T) => { fromStatus: string | null; toStatus: string; at: Date }): T[] {
  const sorted = [...rows].sort((a, b) => key(a).at.getTime() - key(b).at.getTime());
  const out: T[] = [];
  let start = 0;
  while (start < sorted.length) {
    const at = key(sorted[start]!).at.getTime();
    let end = start;
    while (end < sorted.length && key(sorted[end]!).at.getTime() === at) end++;
    const group = sorted.slice(start, end);
    while (group.length > 0) {
      const last = out.length > 0 ? key(out[out.length - 1]!).toStatus : null;
      const k = Math.max(0, group.findIndex((r) => key(r).fromStatus === last));
      out.push(group.splice(k, 1)[0]!);
    }
    start = end;
  }
  return out;
}
