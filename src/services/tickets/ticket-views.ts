/**
 * The API's shape of a ticket, built in one place so REST answers, socket events and the
 * catch-up endpoint always agree.
 */
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { contacts, departments, slaPolicies, ticketConversations, ticketFollowUps, tickets, users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import {
  allowedNext,
  escalationRole,
  type EscalationRole,
  type TicketCategory,
  type TicketPriority,
  type TicketStatus,
} from '../../domain/tickets/index.js';
import type { Tx } from '../ports.js';
import { calendarLoader } from './calendars.js';
import { detectFirstResponses } from './first-response.js';
import { surveyCommentOf } from './survey-comments.js';
import { slaViewOf, type SlaView, type TicketRow } from './timing.js';

type Reader = Db | Tx;
type Ref = { id: string; name: string };

export interface FollowUpView {
  id: string;
  dueAt: string;
  due: boolean;
  completedAt: string | null;
  note: string | null;
  surveySentAt: string | null;
  noFeedbackCloseAt: string | null;
  score: number | null;
  solved: boolean | null;
  comment: string | null;
  answeredAt: string | null;
  answeredVia: string | null;
  outcome: string | null;
}

export interface TicketView {
  id: string;
  number: string;
  status: TicketStatus;
  version: number;
  category: TicketCategory;
  priority: TicketPriority;
  departmentId: string;
  department: Ref;
  summary: string;
  location: string | null;
  contact: Ref | null;
  originConversationId: string | null;
  conversationIds: string[];
  assignee: Ref | null;
  accountableAgent: Ref | null;
  escalationLevel: number;
  escalationRole: EscalationRole;
  dueAt: { firstResponse: string | null; resolution: string | null };
  sla: SlaView | null;
  policy: { id: string; name: string; version: number } | null;
  allowedTransitions: TicketStatus[];
  followUp: FollowUpView | null;
  closeReason: string | null;
  mergedIntoId: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The server's "now" the SLA figures were computed at, so a client countdown can correct its own clock. */
  asOf: string;
}

const assignee = alias(users, 'ticket_assignee');
const accountable = alias(users, 'ticket_accountable');

function baseQuery(db: Reader) {
  return db
    .select({
      t: tickets,
      departmentName: departments.name,
      assigneeName: assignee.name,
      accountableName: accountable.name,
      contactName: contacts.name,
      policyName: slaPolicies.name,
      policyVersion: slaPolicies.version,
    })
    .from(tickets)
    .innerJoin(departments, eq(departments.id, tickets.departmentId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(accountable, eq(accountable.id, tickets.accountableAgentId))
    .leftJoin(contacts, eq(contacts.id, tickets.contactId))
    .leftJoin(slaPolicies, eq(slaPolicies.id, tickets.slaPolicyId));
}

type JoinedRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['where']>>[number];

function followUpView(f: typeof ticketFollowUps.$inferSelect, comment: string | null, now: Date): FollowUpView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: f.id,
    dueAt: f.dueAt.toISOString(),
    due: !f.completedAt && f.dueAt.getTime() <= now.getTime(),
    completedAt: iso(f.completedAt),
    note: f.note,
    surveySentAt: iso(f.surveySentAt),
    noFeedbackCloseAt: iso(f.noFeedbackCloseAt),
    score: f.score,
    solved: f.solved,
    comment,
    answeredAt: iso(f.answeredAt),
    answeredVia: f.answeredVia,
    outcome: f.outcome,
  };
}

async function toViews(db: Reader, rows: JoinedRow[], now: Date): Promise<TicketView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.t.id);
  const links = await db
    .select({ ticketId: ticketConversations.ticketId, conversationId: ticketConversations.conversationId })
    .from(ticketConversations)
    .where(inArray(ticketConversations.ticketId, ids))
    .orderBy(asc(ticketConversations.linkedAt));
  // The newest follow-up of each ticket (one per resolution).
  const followUps = new Map<string, typeof ticketFollowUps.$inferSelect>();
  for (const f of await db.select().from(ticketFollowUps).where(inArray(ticketFollowUps.ticketId, ids)).orderBy(asc(ticketFollowUps.cycle))) {
    followUps.set(f.ticketId, f);
  }
  const calendars = calendarLoader(db);
  await calendars.preload(rows.map((r) => r.t.calendarId).filter((id): id is string => id !== null));
  // A reply the sweep has not noticed yet still counts as the first response on screen.
  const replies = await detectFirstResponses(db, rows.map((r) => r.t));
  const out: TicketView[] = [];
  for (const r of rows) {
    const replied = replies.get(r.t.id);
    const t: TicketRow = replied ? { ...r.t, firstRespondedAt: replied } : r.t;
    const cal = t.calendarId ? await calendars.get(t.calendarId) : null;
    const sla = slaViewOf(t, cal, now);
    const f = followUps.get(t.id);
    out.push({
      id: t.id,
      number: t.number,
      status: t.status as TicketStatus,
      version: t.version,
      category: t.category as TicketCategory,
      priority: t.priority as TicketPriority,
      departmentId: t.departmentId,
      department: { id: t.departmentId, name: r.departmentName },
      summary: t.summary,
      location: t.location,
      contact: t.contactId ? { id: t.contactId, name: r.contactName ?? '' } : null,
      originConversationId: t.originConversationId,
      conversationIds: links.filter((l) => l.ticketId === t.id).map((l) => l.conversationId),
      assignee: t.assigneeId ? { id: t.assigneeId, name: r.assigneeName ?? '' } : null,
      accountableAgent: t.accountableAgentId ? { id: t.accountableAgentId, name: r.accountableName ?? '' } : null,
      escalationLevel: t.escalationLevel,
      escalationRole: escalationRole(t.escalationLevel),
      dueAt: {
        firstResponse: sla?.firstResponse.dueAt ?? t.firstResponseDueAt?.toISOString() ?? null,
        resolution: sla?.resolution.dueAt ?? t.resolutionDueAt?.toISOString() ?? null,
      },
      sla,
      policy: t.slaPolicyId && r.policyName !== null && r.policyVersion !== null ? { id: t.slaPolicyId, name: r.policyName, version: r.policyVersion } : null,
      allowedTransitions: allowedNext(t.status as TicketStatus),
      followUp: f ? followUpView(f, await surveyCommentOf(db, f), now) : null,
      closeReason: t.closeReason,
      mergedIntoId: t.mergedIntoId,
      resolvedAt: t.resolvedAt?.toISOString() ?? null,
      closedAt: t.closedAt?.toISOString() ?? null,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      asOf: now.toISOString(),
    });
  }
  return out;
}

export async function loadTicketView(db: Reader, id: string, now: Date): Promise<TicketView | null> {
  const rows = await baseQuery(db).where(eq(tickets.id, id)).limit(1);
  return (await toViews(db, rows, now))[0] ?? null;
}

export async function loadTicketViews(db: Reader, where: SQL | undefined, now: Date, limit: number): Promise<TicketView[]> {
  const rows = await baseQuery(db).where(where).orderBy(desc(tickets.createdAt), desc(tickets.id)).limit(limit);
  return toViews(db, rows, now);
}

/** Ticket ids linked to a conversation, newest first. */
export async function ticketIdsForConversation(db: Reader, conversationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: ticketConversations.ticketId })
    .from(ticketConversations)
    .innerJoin(tickets, eq(tickets.id, ticketConversations.ticketId))
    .where(and(eq(ticketConversations.conversationId, conversationId)))
    .orderBy(desc(tickets.createdAt));
  return rows.map((r) => r.id);
}
