/**
 * Rolls measured conversations, tickets and surveys up into one row per group. Every number
 * belongs to whoever the definitions credit (measure.ts): grouped by agent, a first response
 * counts for the agent who sent it and a resolution for the assignee at that moment, so one
 * conversation can count for two agents.
 */
import { isoDateOfEpochDay, localEpochDay } from '../tickets/zoned-time.js';
import type { ConversationMeasures, Duration } from './measure.js';
import { csat, slaAttainment, tallySla, type Csat, type SurveyFacts, type TicketSlaFacts } from './rates.js';
import { summarize, type DurationSummary } from './stats.js';

export const GROUP_BY = ['agent', 'channel', 'day', 'department'] as const;
export type GroupBy = (typeof GROUP_BY)[number];
export type Hours = 'wall' | 'business';
/** The key of a group whose subject is missing (no agent, no department, no channel). */
export const NONE_KEY = 'none';

/** Where a conversation, ticket or survey falls in each grouping. */
export interface GroupAttributes {
  channel: string | null;
  departmentId: string | null;
  /** The instant its day is taken from. */
  at: Date;
  /** The agent a ticket or survey belongs to (the accountable agent); conversations credit per measure instead. */
  agentId: string | null;
}

export interface MeasuredConversation extends Omit<GroupAttributes, 'agentId'> {
  id: string;
  measures: ConversationMeasures;
}

export interface TicketRow extends GroupAttributes, TicketSlaFacts {}
export interface SurveyRow extends GroupAttributes, SurveyFacts {}

export interface SummaryRow {
  key: string;
  conversations: number;
  firstResponse: DurationSummary;
  resolution: DurationSummary;
  slaAttainment: number | null;
  csat: Csat;
  /** Resolutions reopened within 7 days ÷ resolutions; null without resolutions. */
  reopenRate: number | null;
}

interface Acc {
  conversations: Set<string>;
  firstResponse: number[];
  resolution: number[];
  resolutions: number;
  reopened: number;
  tickets: TicketSlaFacts[];
  surveys: SurveyFacts[];
}

export function dayKey(at: Date, timeZone: string): string {
  return isoDateOfEpochDay(localEpochDay(at.getTime(), timeZone));
}

/**
 * dayKey memoised per quarter hour: every zone's offset, and so every local midnight, falls on
 * a quarter hour, so one quarter hour never spans two local days, and a report asks the time
 * zone a few thousand times instead of once per row.
 */
function dayKeys(timeZone: string): (at: Date) => string {
  const cache = new Map<number, string>();
  return (at) => {
    const q = Math.floor(at.getTime() / 900_000);
    let k = cache.get(q);
    if (k === undefined) {
      k = dayKey(new Date(q * 900_000), timeZone);
      cache.set(q, k);
    }
    return k;
  };
}

export function summarizeGroups(
  input: { conversations: readonly MeasuredConversation[]; tickets: readonly TicketRow[]; surveys: readonly SurveyRow[] },
  opts: { groupBy: GroupBy; hours: Hours; timeZone: string; now: Date },
): SummaryRow[] {
  const groups = new Map<string, Acc>();
  const dayOf = dayKeys(opts.timeZone);
  const acc = (key: string | null): Acc => {
    const k = key ?? NONE_KEY;
    let a = groups.get(k);
    if (!a) {
      a = { conversations: new Set(), firstResponse: [], resolution: [], resolutions: 0, reopened: 0, tickets: [], surveys: [] };
      groups.set(k, a);
    }
    return a;
  };
  const keyOf = (g: Omit<GroupAttributes, 'agentId'> & { agentId?: string | null }, agentId: string | null): string | null => {
    switch (opts.groupBy) {
      case 'agent':
        return agentId;
      case 'channel':
        return g.channel;
      case 'day':
        return dayOf(g.at);
      case 'department':
        return g.departmentId;
    }
  };
  const seconds = (d: Duration) => (opts.hours === 'business' ? d.businessSeconds : d.wallSeconds);

  for (const c of input.conversations) {
    const { firstResponse, resolutions } = c.measures;
    if (opts.groupBy !== 'agent') acc(keyOf(c, null)).conversations.add(c.id);
    if (firstResponse) {
      const a = acc(keyOf(c, firstResponse.agentId));
      a.conversations.add(c.id);
      a.firstResponse.push(seconds(firstResponse));
    }
    for (const r of resolutions) {
      const a = acc(keyOf(c, r.agentId));
      a.conversations.add(c.id);
      a.resolution.push(seconds(r));
      a.resolutions++;
      if (r.reopenedWithin7Days) a.reopened++;
    }
  }
  for (const t of input.tickets) acc(keyOf(t, t.agentId)).tickets.push(t);
  for (const s of input.surveys) acc(keyOf(s, s.agentId)).surveys.push(s);

  const rows = [...groups.entries()].map(([key, a]): SummaryRow => ({
    key,
    conversations: a.conversations.size,
    firstResponse: summarize(a.firstResponse),
    resolution: summarize(a.resolution),
    slaAttainment: slaAttainment(tallySla(a.tickets, opts.now)),
    csat: csat(a.surveys),
    reopenRate: a.resolutions === 0 ? null : a.reopened / a.resolutions,
  }));
  // Days read in calendar order; other groups busiest first.
  return rows.sort((x, y) => (opts.groupBy === 'day' ? x.key.localeCompare(y.key) : y.conversations - x.conversations || x.key.localeCompare(y.key)));
}
