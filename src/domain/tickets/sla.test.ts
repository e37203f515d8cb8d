import { describe, expect, it } from 'vitest';
import type { Pause } from './business-time.js';
import { ALWAYS_OPEN, OFFICE_HOURS, type BusinessCalendar } from './calendar.js';
import { computeDue, dueWithPauses, pickPolicy, slaPolicyInputSchema, slaState, type SlaPolicy, type TicketTiming } from './sla.js';

const sh = (local: string): Date => new Date(`${local}+08:00`);
const mon = (hhmm: string): Date => sh(`2026-11-23T${hhmm}`);
const iso = (d: Date): string => d.toISOString();

const MON_FRI: BusinessCalendar = { ...OFFICE_HOURS, id: 'mon-fri', weeklyHours: { ...OFFICE_HOURS.weeklyHours, 6: [] } };

const policy = (patch: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id: 'p1',
  name: 'Repairs, normal',
  category: 'repair',
  priority: 'normal',
  calendarId: 'office-hours',
  firstResponseMinutes: 60,
  resolutionMinutes: 480,
  warnAtPercent: 80,
  version: 1,
  createdAt: sh('2026-01-01T00:00'),
  ...patch,
});

describe('slaPolicyInputSchema', () => {
  const body = { name: 'Urgent repairs', category: 'repair', priority: 'urgent', calendarId: 'always-open', firstResponseMinutes: 15, resolutionMinutes: 240 };

  it('defaults the warning threshold to 80 %', () => {
    expect(slaPolicyInputSchema.parse(body).warnAtPercent).toBe(80);
  });

  it.each([
    ['unknown category', { category: 'billing' }],
    ['unknown priority', { priority: 'critical' }],
    ['zero minutes', { firstResponseMinutes: 0 }],
    ['fractional minutes', { resolutionMinutes: 30.5 }],
    ['warning at 0 %', { warnAtPercent: 0 }],
    ['warning above 100 %', { warnAtPercent: 101 }],
    ['blank name', { name: '  ' }],
  ])('rejects %s', (_label, patch) => {
    expect(slaPolicyInputSchema.safeParse({ ...body, ...patch }).success).toBe(false);
  });
});

describe('pickPolicy', () => {
  const v1 = policy({ id: 'v1', version: 1, createdAt: sh('2026-01-01T00:00') });
  const v2 = policy({ id: 'v2', version: 2, createdAt: sh('2026-06-01T00:00'), firstResponseMinutes: 30 });
  const other = policy({ id: 'urgent', priority: 'urgent', createdAt: sh('2026-07-01T00:00') });
  const all = [v2, other, v1];

  it('takes the newest matching policy created at or before the ticket', () => {
    expect(pickPolicy(all, 'repair', 'normal', sh('2026-07-01T00:00'))?.id).toBe('v2');
    expect(pickPolicy(all, 'repair', 'normal', sh('2026-06-01T00:00'))?.id).toBe('v2');
  });

  it('keeps the older version for tickets created before the edit (history is not rewritten)', () => {
    expect(pickPolicy(all, 'repair', 'normal', sh('2026-05-31T23:59'))?.id).toBe('v1');
  });

  it('matches category and priority exactly', () => {
    expect(pickPolicy(all, 'repair', 'urgent', sh('2026-08-01T00:00'))?.id).toBe('urgent');
    expect(pickPolicy(all, 'complaint', 'normal', sh('2026-08-01T00:00'))).toBeNull();
    expect(pickPolicy(all, 'repair', 'normal', sh('2025-12-31T00:00'))).toBeNull();
    expect(pickPolicy([], 'repair', 'normal', sh('2026-08-01T00:00'))).toBeNull();
  });

  it('breaks a tie on creation time by version', () => {
    const a = policy({ id: 'a', version: 3, createdAt: sh('2026-03-01T00:00') });
    const b = policy({ id: 'b', version: 4, createdAt: sh('2026-03-01T00:00') });
    expect(pickPolicy([b, a], 'repair', 'normal', sh('2026-04-01T00:00'))?.id).toBe('b');
    expect(pickPolicy([a, b], 'repair', 'normal', sh('2026-04-01T00:00'))?.id).toBe('b');
  });
});

describe('computeDue', () => {
  it('counts both targets in business time from creation', () => {
    const due = computeDue(sh('2026-11-20T17:00'), policy(), OFFICE_HOURS);
    expect(iso(due.firstResponse)).toBe(iso(sh('2026-11-21T09:30')));
    // 30 Fri + 180 Sat + 210 Mon morning = 420, then 60 after lunch.
    expect(iso(due.resolution)).toBe(iso(mon('14:30')));
  });

  it('is plain elapsed time on the always-open calendar', () => {
    const due = computeDue(sh('2026-11-20T17:00'), policy({ firstResponseMinutes: 15, resolutionMinutes: 240 }), ALWAYS_OPEN);
    expect(iso(due.firstResponse)).toBe(iso(sh('2026-11-20T17:15')));
    expect(iso(due.resolution)).toBe(iso(sh('2026-11-20T21:00')));
  });
});

describe('slaState', () => {
  const createdAt = mon('09:00');
  const timing = (patch: Partial<TicketTiming> = {}): TicketTiming => ({
    createdAt,
    dueAt: computeDue(createdAt, policy(), MON_FRI),
    pauses: [],
    ...patch,
  });

  it('is ok early on, with the time left', () => {
    const s = slaState(mon('09:30'), timing(), MON_FRI, 80);
    expect(s.firstResponse).toMatchObject({ percentUsed: 50, state: 'ok', minutesLeft: 30, done: false });
    expect(iso(s.firstResponse.dueAt)).toBe(iso(mon('10:00')));
    expect(s.resolution.percentUsed).toBeCloseTo(6.25);
  });

  it('is at risk from the warning threshold on', () => {
    expect(slaState(mon('09:47'), timing(), MON_FRI, 80).firstResponse.state).toBe('ok');
    expect(slaState(mon('09:48'), timing(), MON_FRI, 80).firstResponse.state).toBe('at_risk');
    expect(slaState(mon('09:48'), timing(), MON_FRI, 90).firstResponse.state).toBe('ok');
  });

  it('is at risk, not breached, exactly at the deadline', () => {
    expect(slaState(mon('10:00'), timing(), MON_FRI, 80).firstResponse).toMatchObject({ state: 'at_risk', percentUsed: 100, minutesLeft: 0 });
  });

  it('is breached after the deadline, with negative time left', () => {
    const s = slaState(mon('10:06'), timing(), MON_FRI, 80).firstResponse;
    expect(s.state).toBe('breached');
    expect(s.percentUsed).toBeCloseTo(110);
    expect(s.minutesLeft).toBe(-6);
  });

  it('is breached after a Friday-evening deadline although no working minute has passed', () => {
    const friday = sh('2026-11-20T17:00');
    const t: TicketTiming = { createdAt: friday, dueAt: computeDue(friday, policy({ firstResponseMinutes: 30 }), MON_FRI), pauses: [] };
    const s = slaState(sh('2026-11-20T18:00'), t, MON_FRI, 80).firstResponse;
    expect(s).toMatchObject({ state: 'breached', percentUsed: 100, minutesLeft: 0 });
  });

  it('freezes when the target is met, and a timely answer is ok however close', () => {
    const s = slaState(mon('15:00'), timing({ firstRespondedAt: mon('09:54') }), MON_FRI, 80).firstResponse;
    expect(s).toMatchObject({ state: 'ok', done: true, minutesLeft: 6 });
    expect(s.percentUsed).toBeCloseTo(90);
  });

  it('records a late answer as breached', () => {
    const s = slaState(mon('15:00'), timing({ firstRespondedAt: mon('10:30') }), MON_FRI, 80).firstResponse;
    expect(s).toMatchObject({ state: 'breached', done: true, minutesLeft: -30 });
  });

  it('ignores an answer time later than now', () => {
    expect(slaState(mon('09:30'), timing({ firstRespondedAt: mon('09:45') }), MON_FRI, 80).firstResponse.done).toBe(false);
  });

  it('treats resolving without a reply as the first response', () => {
    const s = slaState(mon('16:00'), timing({ resolvedAt: mon('09:40') }), MON_FRI, 80);
    expect(s.firstResponse).toMatchObject({ done: true, state: 'ok' });
    expect(s.resolution).toMatchObject({ done: true, state: 'ok' });
  });

  it('a closed pause extends the deadline', () => {
    const pauses: Pause[] = [{ from: mon('09:20'), to: mon('09:50') }];
    const s = slaState(mon('10:15'), timing({ pauses }), MON_FRI, 80).firstResponse;
    expect(iso(s.dueAt)).toBe(iso(mon('10:30')));
    expect(s).toMatchObject({ state: 'ok', percentUsed: 75, minutesLeft: 15 });
  });

  it('an open pause freezes the used time and projects the deadline from now', () => {
    const pauses: Pause[] = [{ from: mon('09:20'), to: null }];
    const s = slaState(mon('11:00'), timing({ pauses }), MON_FRI, 80).firstResponse;
    expect(s).toMatchObject({ state: 'ok', minutesLeft: 40 });
    expect(iso(s.dueAt)).toBe(iso(mon('11:40')));
    // Over lunch the projection jumps past the break.
    expect(iso(slaState(mon('11:45'), timing({ pauses }), MON_FRI, 80).firstResponse.dueAt)).toBe(iso(mon('13:55')));
  });

  it('a pause begun after the breach does not undo it', () => {
    const pauses: Pause[] = [{ from: mon('10:30'), to: null }];
    expect(slaState(mon('11:00'), timing({ pauses }), MON_FRI, 80).firstResponse.state).toBe('breached');
  });

  it('rejects a nonsensical warning threshold', () => {
    expect(() => slaState(mon('09:30'), timing(), MON_FRI, 0)).toThrow(RangeError);
    expect(() => slaState(mon('09:30'), timing(), MON_FRI, 150)).toThrow(RangeError);
  });
});

describe('dueWithPauses', () => {
  it('adds paused working time, not paused wall time', () => {
    const pauses: Pause[] = [{ from: mon('11:00'), to: mon('14:00') }];
    // 60 budget from 09:00 would be 10:00 anyway; with 180: 09:00-11:00 = 120, pause to 14:00, +60.
    expect(iso(dueWithPauses(mon('09:00'), 180, MON_FRI, pauses, mon('15:00')))).toBe(iso(mon('15:00')));
    expect(iso(dueWithPauses(mon('09:00'), 60, MON_FRI, pauses, mon('15:00')))).toBe(iso(mon('10:00')));
  });

  it('closes an open pause at now', () => {
    const pauses: Pause[] = [{ from: mon('09:30'), to: null }];
    expect(iso(dueWithPauses(mon('09:00'), 60, MON_FRI, pauses, mon('16:00')))).toBe(iso(mon('16:30')));
    // Friday 17:00: 10 min used, paused 17:10–17:20 (now), 10 more until closing, 40 on Monday.
    const fri = sh('2026-11-20T17:00');
    expect(iso(dueWithPauses(fri, 60, MON_FRI, [{ from: sh('2026-11-20T17:10'), to: null }], sh('2026-11-20T17:20')))).toBe(
      iso(mon('09:10')),
    );
  });
});
