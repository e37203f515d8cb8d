/**
 * Reads what the reports need straight from the raw tables (conversations, messages, events,
 * tickets, follow-ups) for one period. No roll-up tables yet: every request recomputes from
 * the facts, which is exact by construction and is the baseline a roll-up must match.
 */
import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { conversations, departments, events, messages, ticketConversations, ticketFollowUps, tickets, users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { buildTimeline, type StoredMessageFact, type StoredSnapshot, type TimelineEvent } from '../../domain/reports/timeline.js';
import type { ReportRange } from '../../domain/reports/range.js';
import type { SurveyRow, TicketRow } from '../../domain/reports/summary.js';

export interface ConversationFacts {
  id: string;
  channel: string;
  status: string;
  createdAt: Date;
  assigneeId: string | null;
  departmentId: string | null;
  timeline: TimelineEvent[];
}

/** Conversations created in the period, each with its timeline and the department of its first ticket. */
export async function loadConversationFacts(db: Db, range: ReportRange): Promise<ConversationFacts[]> {
  const inRange = and(gte(conversations.createdAt, range.from), lt(conversations.createdAt, range.to));
  const convs = await db
    .select({ id: conversations.id, channel: conversations.channel, status: conversations.status, createdAt: conversations.createdAt, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(inRange);
  if (convs.length === 0) return [];

  // Only what can move a measure: the owner's words, replies that left, the bot's handoffs
  // (notes and the bot's own words never do; timeline.ts types them for completeness). The
  // timeline sorts, so the database need not.
  const msgRows = await db
    .select({
      conversationId: messages.conversationId,
      at: messages.createdAt,
      direction: messages.direction,
      senderType: messages.senderType,
      senderId: messages.senderId,
      private: messages.private,
      metaKind: sql<string | null>`${messages.meta}->>'kind'`,
      deliveryStatus: messages.deliveryStatus,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        inRange,
        sql`((${messages.senderType} = 'contact' and ${messages.direction} = 'in')
          or (${messages.senderType} = 'agent' and not ${messages.private} and ${messages.deliveryStatus} is distinct from 'failed')
          or (${messages.senderType} = 'system' and ${messages.meta}->>'kind' = 'bot.handoff'))`,
      ),
    );

  // Only the two fields of each stored snapshot, and only the snapshots where one of them
  // changed: every message also records a conversation.updated, which changes neither.
  const status = sql<string | null>`${events.payload}->'conversation'->>'status'`;
  const assignee = sql<string | null>`${events.payload}->'conversation'->'assignee'->>'id'`;
  const w = sql`over (partition by ${events.conversationId} order by ${events.seq})`;
  const snapshots = db
    .select({
      conversationId: events.conversationId,
      at: events.createdAt,
      seq: events.seq,
      status: status.as('status'),
      assigneeId: assignee.as('assignee_id'),
      changed: sql<boolean>`(lag(${status}) ${w}) is distinct from ${status} or (lag(${assignee}) ${w}) is distinct from ${assignee} or lag(${events.seq}) ${w} is null`.as('changed'),
    })
    .from(events)
    .innerJoin(conversations, eq(conversations.id, events.conversationId))
    .where(and(inRange, inArray(events.type, ['conversation.created', 'conversation.updated'])))
    .as('snapshots');
  const snapRows = await db
    .select({ conversationId: snapshots.conversationId, at: snapshots.at, status: snapshots.status, assigneeId: snapshots.assigneeId })
    .from(snapshots)
    .where(sql`${snapshots.changed}`)
    .orderBy(asc(snapshots.seq));

  // The conversation's department is that of the first ticket raised from it.
  const deptRows = await db
    .select({ conversationId: ticketConversations.conversationId, departmentId: tickets.departmentId })
    .from(ticketConversations)
    .innerJoin(tickets, eq(tickets.id, ticketConversations.ticketId))
    .innerJoin(conversations, eq(conversations.id, ticketConversations.conversationId))
    .where(inRange)
    .orderBy(asc(ticketConversations.linkedAt), asc(tickets.createdAt));

  const msgs = groupBy(msgRows, (r) => r.conversationId);
  const snaps = groupBy(snapRows, (r) => r.conversationId ?? '');
  const dept = new Map<string, string>();
  for (const r of deptRows) if (!dept.has(r.conversationId)) dept.set(r.conversationId, r.departmentId);

  return convs.map((c) => {
    const messageFacts: StoredMessageFact[] = (msgs.get(c.id) ?? []).map((m) => ({
      at: m.at,
      direction: m.direction,
      senderType: m.senderType,
      senderId: m.senderId,
      private: m.private,
      metaKind: m.metaKind,
      failed: m.deliveryStatus === 'failed',
    }));
    const snapshots: StoredSnapshot[] = (snaps.get(c.id) ?? []).flatMap((s) => (s.status ? [{ at: s.at, status: s.status, assigneeId: s.assigneeId }] : []));
    return {
      ...c,
      departmentId: dept.get(c.id) ?? null,
      timeline: buildTimeline({ createdAt: c.createdAt, initialAssigneeId: null, messages: messageFacts, snapshots }),
    };
  });
}

/** Tickets created in the period (merged ones live on in the ticket they joined), for SLA attainment. */
export async function loadTicketRows(db: Db, range: ReportRange): Promise<TicketRow[]> {
  const rows = await db
    .select({
      createdAt: tickets.createdAt,
      departmentId: tickets.departmentId,
      agentId: sql<string | null>`coalesce(${tickets.accountableAgentId}, ${tickets.assigneeId})`,
      channel: conversations.channel,
      firstResponseDueAt: tickets.firstResponseDueAt,
      firstRespondedAt: tickets.firstRespondedAt,
      resolutionDueAt: tickets.resolutionDueAt,
      resolvedAt: tickets.resolvedAt,
    })
    .from(tickets)
    .leftJoin(conversations, eq(conversations.id, tickets.originConversationId))
    .where(and(gte(tickets.createdAt, range.from), lt(tickets.createdAt, range.to), isNull(tickets.mergedIntoId)));
  return rows.map((r) => ({ ...r, at: r.createdAt }));
}

/** Follow-ups (one per resolution) created in the period: who was asked and what they answered. */
export async function loadSurveyRows(db: Db, range: ReportRange): Promise<SurveyRow[]> {
  const rows = await db
    .select({
      createdAt: ticketFollowUps.createdAt,
      agentId: ticketFollowUps.agentId,
      departmentId: tickets.departmentId,
      channel: conversations.channel,
      asked: sql<boolean>`(${ticketFollowUps.surveySentAt} is not null or ${ticketFollowUps.completedAt} is not null)`,
      score: ticketFollowUps.score,
    })
    .from(ticketFollowUps)
    .innerJoin(tickets, eq(tickets.id, ticketFollowUps.ticketId))
    .leftJoin(conversations, eq(conversations.id, tickets.originConversationId))
    .where(and(gte(ticketFollowUps.createdAt, range.from), lt(ticketFollowUps.createdAt, range.to)));
  return rows.map((r) => ({ ...r, at: r.createdAt, asked: Boolean(r.asked) }));
}

/** Display names for group keys. */
export async function loadLabels(db: Db, kind: 'agent' | 'department', ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows =
    kind === 'agent'
      ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))
      : await db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
