/** The reports' use cases: the summary by group and the one-row-per-conversation export. */
import type { Db } from '../../../db/client.js';
import { DEFAULT_TIME_ZONE, OFFICE_HOURS, type BusinessCalendar } from '../../domain/tickets/calendar.js';
import { indexedBusinessSeconds } from '../../domain/reports/business-clock.js';
import { measureConversation } from '../../domain/reports/measure.js';
import type { ReportRange } from '../../domain/reports/range.js';
import { NONE_KEY, summarizeGroups, type GroupBy, type Hours, type SummaryRow } from '../../domain/reports/summary.js';
import { calendarLoader } from '../tickets/calendars.js';
import { loadConversationFacts, loadLabels, loadSurveyRows, loadTicketRows } from './load-facts.js';

/** Reports follow the center's time zone and its office hours (the stored "office-hours" calendar, holidays included). */
export const REPORT_TIME_ZONE = DEFAULT_TIME_ZONE;

export async function reportCalendar(db: Db): Promise<BusinessCalendar> {
  return (await calendarLoader(db).get(OFFICE_HOURS.id)) ?? OFFICE_HOURS;
}

export interface LabelledRow extends SummaryRow {
  label: string;
}

const NONE_LABEL: Record<GroupBy, string> = {
  agent: 'Nobody / 无人',
  channel: 'No channel / 无渠道',
  day: '',
  department: 'No department / 未分派部门',
};

export async function reportSummary(db: Db, q: { range: ReportRange; groupBy: GroupBy; hours: Hours; now: Date }): Promise<LabelledRow[]> {
  const business = indexedBusinessSeconds(await reportCalendar(db));
  const [facts, tickets, surveys] = await Promise.all([loadConversationFacts(db, q.range), loadTicketRows(db, q.range), loadSurveyRows(db, q.range)]);
  const conversations = facts.map((c) => ({ id: c.id, channel: c.channel, departmentId: c.departmentId, at: c.createdAt, measures: measureConversation(c.timeline, business) }));
  const rows = summarizeGroups({ conversations, tickets, surveys }, { groupBy: q.groupBy, hours: q.hours, timeZone: REPORT_TIME_ZONE, now: q.now });
  const names = q.groupBy === 'agent' || q.groupBy === 'department' ? await loadLabels(db, q.groupBy, rows.map((r) => r.key).filter((k) => k !== NONE_KEY)) : new Map<string, string>();
  return rows.map((r) => ({ ...r, label: r.key === NONE_KEY ? NONE_LABEL[q.groupBy] : (names.get(r.key) ?? r.key) }));
}

export interface ConversationExportRow {
  id: string;
  channel: string;
  createdAt: Date;
  firstResponseSeconds: number | null;
  firstResponseBusinessSeconds: number | null;
  /** The last resolution's duration (a conversation reopened and resolved again counts from its reopening). */
  resolutionSeconds: number | null;
  resolutionBusinessSeconds: number | null;
  agent: string | null;
  status: string;
}

export async function conversationExport(db: Db, range: ReportRange): Promise<ConversationExportRow[]> {
  const business = indexedBusinessSeconds(await reportCalendar(db));
  const facts = await loadConversationFacts(db, range);
  const names = await loadLabels(db, 'agent', [...new Set(facts.flatMap((f) => (f.assigneeId ? [f.assigneeId] : [])))]);
  return facts
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .map((f) => {
      const m = measureConversation(f.timeline, business);
      const last = m.resolutions[m.resolutions.length - 1];
      const resolved = f.status === 'resolved' ? last : undefined;
      return {
        id: f.id,
        channel: f.channel,
        createdAt: f.createdAt,
        firstResponseSeconds: m.firstResponse ? Math.round(m.firstResponse.wallSeconds) : null,
        firstResponseBusinessSeconds: m.firstResponse ? Math.round(m.firstResponse.businessSeconds) : null,
        resolutionSeconds: resolved ? Math.round(resolved.wallSeconds) : null,
        resolutionBusinessSeconds: resolved ? Math.round(resolved.businessSeconds) : null,
        agent: f.assigneeId ? (names.get(f.assigneeId) ?? f.assigneeId) : null,
        status: f.status,
      };
    });
}
