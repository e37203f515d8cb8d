import { describe, expect, it } from 'vitest';
import { OFFICE_HOURS } from '../tickets/calendar.js';
import { exactBusinessSeconds } from './business-clock.js';
import { measureConversation } from './measure.js';
import { summarizeGroups, type MeasuredConversation } from './summary.js';
import { sortTimeline, type TimelineEvent } from './timeline.js';

const sh = (local: string) => new Date(`${local}:00+08:00`);
const conv = (id: string, channel: string, events: TimelineEvent[]): MeasuredConversation => ({
  id,
  channel,
  departmentId: null,
  at: events[0]?.at ?? new Date(0),
  measures: measureConversation(sortTimeline(events), exactBusinessSeconds(OFFICE_HOURS)),
});
const opts = { hours: 'wall' as const, timeZone: 'Asia/Shanghai', now: sh('2026-11-30T12:00') };

// c1: A answers after 10 min, B resolves after 1 h, reopened the next day. c2: A answers after 20 min late in the evening (Shanghai's next day starts at 16:00 UTC).
const c1 = conv('c1', 'telegram', [
  { kind: 'created', at: sh('2026-11-23T09:00'), assigneeId: 'B' },
  { kind: 'agent_reply', at: sh('2026-11-23T09:10'), agentId: 'A' },
  { kind: 'resolved', at: sh('2026-11-23T10:00') },
  { kind: 'reopened', at: sh('2026-11-24T10:00') },
]);
const c2 = conv('c2', 'email', [
  { kind: 'created', at: sh('2026-11-23T23:30'), assigneeId: null },
  { kind: 'agent_reply', at: sh('2026-11-23T23:50'), agentId: 'A' },
]);
const c3 = conv('c3', 'telegram', [{ kind: 'created', at: sh('2026-11-24T00:10'), assigneeId: null }]);

describe('summarizeGroups', () => {
  it('credits the first response to its sender and the resolution to the assignee when grouped by agent', () => {
    const rows = summarizeGroups({ conversations: [c1, c2, c3], tickets: [], surveys: [] }, { ...opts, groupBy: 'agent' });
    expect(rows.map((r) => [r.key, r.conversations, r.firstResponse.median, r.resolution.median, r.reopenRate])).toEqual([
      ['A', 2, 600, null, null],
      ['B', 1, null, 3600, 1],
    ]);
  });

  it('puts each conversation on its Shanghai day, an unanswered one included', () => {
    const rows = summarizeGroups({ conversations: [c1, c2, c3], tickets: [], surveys: [] }, { ...opts, groupBy: 'day' });
    expect(rows.map((r) => [r.key, r.conversations, r.firstResponse.median])).toEqual([
      ['2026-11-23', 2, 600],
      ['2026-11-24', 1, null],
    ]);
  });

  it('adds SLA attainment and CSAT of the tickets and surveys in the group', () => {
    const at = sh('2026-11-23T09:00');
    const rows = summarizeGroups(
      {
        conversations: [c1, c2, c3],
        tickets: [{ channel: 'telegram', departmentId: null, at, agentId: null, firstResponseDueAt: at, firstRespondedAt: null, resolutionDueAt: null, resolvedAt: null }],
        surveys: [
          { channel: 'telegram', departmentId: null, at, agentId: null, asked: true, score: 5 },
          { channel: 'telegram', departmentId: null, at, agentId: null, asked: true, score: null },
        ],
      },
      { ...opts, groupBy: 'channel' },
    );
    const tg = rows.find((r) => r.key === 'telegram');
    expect(tg).toMatchObject({ conversations: 2, slaAttainment: 0, csat: { score: 1, responses: 1, responseRate: 0.5 } });
    expect(rows.find((r) => r.key === 'email')).toMatchObject({ conversations: 1, slaAttainment: null, csat: { score: null, responses: 0, responseRate: null } });
  });
});
