import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, OFFICE_HOURS } from './calendar.js';
import { nextSlaCheck, targetMoments } from './sla-schedule.js';
import { slaState, type TicketTiming } from './sla.js';

const sh = (local: string): Date => new Date(`${local}+08:00`);
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

// Monday 2026-11-23, office hours 08:30-12:00 and 13:30-17:30.
const created = sh('2026-11-23T09:00');
const timing = (patch: Partial<TicketTiming> = {}): TicketTiming => ({
  createdAt: created,
  // 60 working minutes to respond, 300 to resolve.
  dueAt: { firstResponse: sh('2026-11-23T10:00'), resolution: sh('2026-11-23T15:30') },
  pauses: [],
  ...patch,
});

describe('targetMoments', () => {
  it('puts the warning at the share of the budget, skipping lunch', () => {
    const m = targetMoments(created, sh('2026-11-23T15:30'), OFFICE_HOURS, [], created, 80);
    expect(iso(m.dueAt)).toBe(iso(sh('2026-11-23T15:30')));
    // 80 % of 300 = 240 minutes: 180 before lunch, 60 after.
    expect(iso(m.riskAt)).toBe(iso(sh('2026-11-23T14:30')));
  });

  it('pushes both moments by paused working time, a running pause ending now', () => {
    const m = targetMoments(created, sh('2026-11-23T10:00'), ALWAYS_OPEN, [{ from: sh('2026-11-23T09:10'), to: null }], sh('2026-11-23T09:40'), 50);
    expect(iso(m.dueAt)).toBe(iso(sh('2026-11-23T10:30')));
    expect(iso(m.riskAt)).toBe(iso(sh('2026-11-23T10:00')));
  });
});

describe('nextSlaCheck', () => {
  it('is the first warning while all is well', () => {
    expect(iso(nextSlaCheck(created, timing(), OFFICE_HOURS, 80, [], false))).toBe(iso(sh('2026-11-23T09:48')));
  });

  it('after the warning was recorded, is just past the deadline', () => {
    const now = sh('2026-11-23T09:50');
    expect(slaState(now, timing(), OFFICE_HOURS, 80).firstResponse.state).toBe('at_risk');
    const next = nextSlaCheck(now, timing(), OFFICE_HOURS, 80, [{ target: 'first_response', state: 'at_risk' }], false);
    expect(next?.getTime()).toBe(sh('2026-11-23T10:00').getTime() + 1);
  });

  it('is now when an event is true but not yet recorded', () => {
    const now = sh('2026-11-23T11:00');
    expect(iso(nextSlaCheck(now, timing(), OFFICE_HOURS, 80, [], false))).toBe(iso(now));
  });

  it('moves on to the resolution target once the response is given', () => {
    const t = timing({ firstRespondedAt: sh('2026-11-23T09:30') });
    expect(iso(nextSlaCheck(sh('2026-11-23T09:31'), t, OFFICE_HOURS, 80, [], false))).toBe(iso(sh('2026-11-23T14:30')));
  });

  it('is null while paused, and when everything is met or recorded', () => {
    expect(nextSlaCheck(created, timing(), OFFICE_HOURS, 80, [], true)).toBeNull();
    const resolved = timing({ resolvedAt: sh('2026-11-23T09:20') });
    expect(nextSlaCheck(sh('2026-11-23T09:30'), resolved, OFFICE_HOURS, 80, [], false)).toBeNull();
    const all = [
      { target: 'first_response', state: 'breached' },
      { target: 'resolution', state: 'breached' },
    ] as const;
    expect(nextSlaCheck(sh('2026-11-24T09:00'), timing(), OFFICE_HOURS, 80, all, false)).toBeNull();
  });
});
