import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, type Pause } from './business-time.js';
import { ALWAYS_OPEN, OFFICE_HOURS, type BusinessCalendar } from './calendar.js';

const iso = (d: Date): string => d.toISOString();
const MON_FRI: BusinessCalendar = { ...OFFICE_HOURS, id: 'mon-fri', weeklyHours: { ...OFFICE_HOURS.weeklyHours, 6: [] } };

describe('Europe/Berlin (daylight saving time)', () => {
  const berlin: BusinessCalendar = { ...MON_FRI, id: 'berlin', timeZone: 'Europe/Berlin' };

  it('Friday 17:00 CET + 60 → Monday 09:00 CEST across spring-forward', () => {
    const fri = new Date('2026-03-27T17:00:00+01:00');
    expect(iso(addBusinessMinutes(fri, 60, berlin))).toBe('2026-03-30T07:00:00.000Z');
  });

  it('Friday 17:00 CEST + 60 → Monday 09:00 CET across fall-back', () => {
    const fri = new Date('2026-10-23T17:00:00+02:00');
    expect(iso(addBusinessMinutes(fri, 60, berlin))).toBe('2026-10-26T08:00:00.000Z');
  });

  it('the same weekly hours are worth the same minutes in a DST week', () => {
    const week = (from: string, to: string): number => businessMinutesBetween(new Date(from), new Date(to), berlin);
    expect(week('2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00')).toBe(5 * 450);
    expect(week('2026-10-19T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(5 * 450);
  });

  it('always open counts real minutes: the spring-forward night is an hour shorter', () => {
    const always: BusinessCalendar = { ...ALWAYS_OPEN, timeZone: 'Europe/Berlin' };
    expect(businessMinutesBetween(new Date('2026-03-28T12:00:00+01:00'), new Date('2026-03-29T12:00:00+02:00'), always)).toBe(23 * 60);
  });

  it('an interval spanning the change has its real length', () => {
    const nights: BusinessCalendar = {
      ...berlin,
      weeklyHours: { 0: [{ start: '00:00', end: '04:00' }], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] },
    };
    const sunSpring = new Date('2026-03-29T00:00:00+01:00');
    const sunFall = new Date('2026-10-25T00:00:00+02:00');
    expect(businessMinutesBetween(sunSpring, new Date('2026-03-29T12:00:00+02:00'), nights)).toBe(180);
    expect(businessMinutesBetween(sunFall, new Date('2026-10-25T12:00:00+01:00'), nights)).toBe(300);
  });
});

describe('Europe/Berlin pauses and between', () => {
  const berlin: BusinessCalendar = { ...MON_FRI, id: 'berlin', timeZone: 'Europe/Berlin' };

  it('a pause over the spring-forward weekend costs only its working minutes', () => {
    const pauses: Pause[] = [{ from: new Date('2026-03-27T16:30:00+01:00'), to: new Date('2026-03-30T09:00:00+02:00') }];
    // Fri 16:00 CET: 30 min, pause to Mon 09:00 CEST, 30 more.
    expect(iso(addBusinessMinutes(new Date('2026-03-27T16:00:00+01:00'), 60, berlin, pauses))).toBe('2026-03-30T07:30:00.000Z');
  });

  it('the same instant is a different local day in Berlin and Shanghai', () => {
    // 2026-11-23 07:00 UTC: Monday 15:00 in Shanghai (open), Monday 08:00 in Berlin (not yet).
    const t = new Date('2026-11-23T07:00:00Z');
    expect(iso(addBusinessMinutes(t, 0, MON_FRI))).toBe(iso(t));
    expect(iso(addBusinessMinutes(t, 0, berlin))).toBe('2026-11-23T07:30:00.000Z');
    expect(businessMinutesBetween(t, new Date('2026-11-23T09:00:00Z'), berlin)).toBe(90);
  });
});
