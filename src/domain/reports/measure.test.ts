import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, OFFICE_HOURS } from '../tickets/calendar.js';
import { exactBusinessSeconds } from './business-clock.js';
import { measureConversation } from './measure.js';
import { sortTimeline, type TimelineEvent } from './timeline.js';

/** Shanghai wall-clock time (UTC+8, no DST): 2026-11-23 is a Monday. */
const sh = (local: string) => new Date(`${local}:00+08:00`);
const A = 'agent-a';
const B = 'agent-b';
const measure = (events: TimelineEvent[]) => measureConversation(sortTimeline(events), exactBusinessSeconds(OFFICE_HOURS));

describe('first response', () => {
  it('is the first public reply by a person minus creation; a private note before it does not count', () => {
    const m = measure([
      { kind: 'created', at: sh('2026-11-23T09:00'), assigneeId: null },
      { kind: 'owner_message', at: sh('2026-11-23T09:00') },
      { kind: 'private_note', at: sh('2026-11-23T09:05'), agentId: A },
      { kind: 'agent_reply', at: sh('2026-11-23T09:12'), agentId: B },
      { kind: 'agent_reply', at: sh('2026-11-23T09:30'), agentId: A },
    ]);
    expect(m.firstResponse).toMatchObject({ agentId: B, wallSeconds: 720, businessSeconds: 720 });
  });

  it('starts the clock at the bot handoff: the time the bot was talking is nobody’s wait', () => {
    const m = measure([
      { kind: 'created', at: sh('2026-11-23T09:00'), assigneeId: null },
      { kind: 'owner_message', at: sh('2026-11-23T09:00') },
      { kind: 'bot_message', at: sh('2026-11-23T09:00') },
      { kind: 'owner_message', at: sh('2026-11-23T09:15') },
      { kind: 'bot_handoff', at: sh('2026-11-23T09:20') },
      { kind: 'agent_reply', at: sh('2026-11-23T09:30'), agentId: A },
    ]);
    expect(m.firstResponse?.wallSeconds).toBe(600);
    // The reply time still counts from the owner's first unanswered word: the bot answered nothing a person must.
    expect(m.replies.map((r) => r.wallSeconds)).toEqual([1800]);
  });

  it('starts the clock at the last reopening before the reply', () => {
    const m = measure([
      { kind: 'created', at: sh('2026-11-23T09:00'), assigneeId: null },
      { kind: 'owner_message', at: sh('2026-11-23T09:00') },
      { kind: 'resolved', at: sh('2026-11-23T09:05') },
      { kind: 'reopened', at: sh('2026-11-23T10:00') },
      { kind: 'resolved', at: sh('2026-11-23T10:05') },
      { kind: 'reopened', at: sh('2026-11-23T11:00') },
      { kind: 'agent_reply', at: sh('2026-11-23T11:07'), agentId: A },
    ]);
    expect(m.firstResponse?.wallSeconds).toBe(420);
  });

  it('counts business hours across a night', () => {
    const m = measure([
      { kind: 'created', at: sh('2026-11-23T17:00'), assigneeId: null },
      { kind: 'owner_message', at: sh('2026-11-23T17:00') },
      { kind: 'agent_reply', at: sh('2026-11-24T09:00'), agentId: A },
    ]);
    // Mon 17:00–17:30 and Tue 08:30–09:00.
    expect(m.firstResponse).toMatchObject({ wallSeconds: 16 * 3600, businessSeconds: 3600 });
  });

  it('counts business hours across a weekend (Saturday morning is open, Sunday closed)', () => {
    const m = measure([
      { kind: 'created', at: sh('2026-11-27T17:00'), assigneeId: null },
      { kind: 'owner_message', at: sh('2026-11-27T17:00') },
      { kind: 'agent_reply', at: sh('2026-11-30T09:00'), agentId: A },
    ]);
    // Fri 17:00–17:30, Sat 09:00–12:00, Mon 08:30–09:00.
    expect(m.firstResponse).toMatchObject({ wallSeconds: 64 * 3600, businessSeconds: 1800 + 3 * 3600 + 1800 });
  });

  it('is null for a conversation never answered, however much the owner wrote', () => {
    const m = measure([
      { kind: 'created', at: sh('2026-11-23T09:00'), assigneeId: A },
      { kind: 'owner_message', at: sh('2026-11-23T09:00') },
      { kind: 'private_note', at: sh('2026-11-23T09:01'), agentId: A },
      { kind: 'bot_message', at: sh('2026-11-23T09:02') },
      { kind: 'owner_message', at: sh('2026-11-23T10:00') },
    ]);
    expect(m.firstResponse).toBeNull();
    expect(m.replies).toEqual([]);
    expect(m.resolutions).toEqual([]);
  });
});

describe('reply time', () => {
  it('runs from the first unanswered owner message to the next agent reply', () => {
    const m = measure([
      { kind: 'created', at: sh('2026-11-23T09:00'), assigneeId: null },
      { kind: 'owner_message', at: sh('2026-11-23T09:00') },
      { kind: 'owner_message', at: sh('2026-11-23T09:05') },
      { kind: 'private_note', at: sh('2026-11-23T09:10'), agentId: A },
      { kind: 'agent_reply', at: sh('2026-11-23T09:20'), agentId: A },
      { kind: 'agent_reply', at: sh('2026-11-23T09:21'), agentId: A },
      { kind: 'owner_message', at: sh('2026-11-23T09:30') },
      { kind: 'agent_reply', at: sh('2026-11-23T09:31'), agentId: B },
    ]);
    expect(m.replies.map((r) => [r.agentId, r.wallSeconds])).toEqual([
      [A, 1200],
      [B, 60],
    ]);
  });
});

describe('resolution and reopening', () => {
  it('measures every resolution from its clock start, credits the assignee at the time, and flags a reopening within 7 days', () => {
    const m = measure([
      { kind: 'created', at: sh('2026-11-23T09:00'), assigneeId: A },
      { kind: 'owner_message', at: sh('2026-11-23T09:00') },
      { kind: 'agent_reply', at: sh('2026-11-23T09:10'), agentId: A },
      { kind: 'resolved', at: sh('2026-11-23T10:00') },
      { kind: 'reopened', at: sh('2026-11-24T09:00') },
      { kind: 'assigned', at: sh('2026-11-24T09:01'), assigneeId: B },
      { kind: 'resolved', at: sh('2026-11-24T11:00') },
    ]);
    expect(m.resolutions.map((r) => [r.agentId, r.wallSeconds, r.reopenedWithin7Days])).toEqual([
      [A, 3600, true],
      [B, 7200, false],
    ]);
  });

  it('does not call a reopening after more than 7 days a reopen', () => {
    const m = measure([
      { kind: 'created', at: sh('2026-11-02T09:00'), assigneeId: A },
      { kind: 'resolved', at: sh('2026-11-02T10:00') },
      { kind: 'reopened', at: sh('2026-11-09T10:00') },
      { kind: 'resolved', at: sh('2026-11-16T10:01') },
      { kind: 'reopened', at: sh('2026-11-23T10:02') },
    ]);
    // Exactly 7 days counts; 7 days and a minute does not.
    expect(m.resolutions.map((r) => r.reopenedWithin7Days)).toEqual([true, false]);
  });

  it('counts resolution in business seconds across a weekend, from the bot handoff', () => {
    const m = measureConversation(
      sortTimeline([
        { kind: 'created', at: sh('2026-11-27T16:00'), assigneeId: A },
        { kind: 'bot_handoff', at: sh('2026-11-27T17:00') },
        { kind: 'resolved', at: sh('2026-11-30T09:00') },
      ]),
      exactBusinessSeconds(OFFICE_HOURS),
    );
    expect(m.resolutions[0]).toMatchObject({ wallSeconds: 64 * 3600, businessSeconds: 14400 });
    const always = measureConversation(sortTimeline([{ kind: 'created', at: sh('2026-11-27T16:00'), assigneeId: A }, { kind: 'resolved', at: sh('2026-11-28T16:00') }]), exactBusinessSeconds(ALWAYS_OPEN));
    expect(always.resolutions[0]).toMatchObject({ wallSeconds: 86400, businessSeconds: 86400 });
  });
});
