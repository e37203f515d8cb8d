import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpenAt,
  nextOpening,
  nextWorkingDayStart,
  normalizePauses,
  type Pause,
} from './business-time.js';
import { ALWAYS_OPEN, OFFICE_HOURS, type BusinessCalendar } from './calendar.js';

/** Shanghai wall time → Date. */
const sh = (local: string): Date => new Date(`${local}+08:00`);
const iso = (d: Date): string => d.toISOString();

/** Office hours without Saturday, to see weekends skipped entirely. */
const MON_FRI: BusinessCalendar = { ...OFFICE_HOURS, id: 'mon-fri', weeklyHours: { ...OFFICE_HOURS.weeklyHours, 6: [] } };

describe('addBusinessMinutes — weekends, lunch, holidays (Asia/Shanghai)', () => {
  it('Friday 17:00 + 60 → Saturday 09:30 with Saturday-morning office hours', () => {
    expect(iso(addBusinessMinutes(sh('2026-11-20T17:00'), 60, OFFICE_HOURS))).toBe(iso(sh('2026-11-21T09:30')));
  });

  it('Friday 17:00 + 60 → Monday 09:00 when weekends are closed', () => {
    expect(iso(addBusinessMinutes(sh('2026-11-20T17:00'), 60, MON_FRI))).toBe(iso(sh('2026-11-23T09:00')));
  });

  it('skips a Monday holiday to Tuesday', () => {
    const cal = { ...MON_FRI, holidays: ['2026-11-23'] };
    expect(iso(addBusinessMinutes(sh('2026-11-20T17:00'), 60, cal))).toBe(iso(sh('2026-11-24T09:00')));
  });

  it('skips a whole holiday week (National Day) and opens on a make-up Saturday', () => {
    const cal = {
      ...MON_FRI,
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
      workdays: ['2026-10-10'],
    };
    // Wed 30 Sep 17:00 + 60: 30 min that evening, then nothing until the make-up Saturday 10 Oct
    // (Thu 8 and Fri 9 are ordinary workdays, so 30 min lands on Thu 8 Oct 09:00).
    expect(iso(addBusinessMinutes(sh('2026-09-30T17:00'), 60, cal))).toBe(iso(sh('2026-10-08T09:00')));
    // Fri 9 Oct 17:00 + 60: the make-up Saturday works Monday hours.
    expect(iso(addBusinessMinutes(sh('2026-10-09T17:00'), 60, cal))).toBe(iso(sh('2026-10-10T09:00')));
  });

  it('starting at 12:00 (lunch) counts from 13:30', () => {
    expect(iso(addBusinessMinutes(sh('2026-11-23T12:00'), 30, OFFICE_HOURS))).toBe(iso(sh('2026-11-23T14:00')));
    expect(iso(addBusinessMinutes(sh('2026-11-23T12:45'), 30, OFFICE_HOURS))).toBe(iso(sh('2026-11-23T14:00')));
  });

  it('a budget crossing lunch resumes after it', () => {
    expect(iso(addBusinessMinutes(sh('2026-11-23T11:45'), 30, OFFICE_HOURS))).toBe(iso(sh('2026-11-23T13:45')));
  });

  it('a budget ending exactly at closing time ends then, not at the next opening', () => {
    expect(iso(addBusinessMinutes(sh('2026-11-23T11:30'), 30, OFFICE_HOURS))).toBe(iso(sh('2026-11-23T12:00')));
    expect(iso(addBusinessMinutes(sh('2026-11-20T17:00'), 30, OFFICE_HOURS))).toBe(iso(sh('2026-11-20T17:30')));
  });

  it('starting before opening counts from the opening', () => {
    expect(iso(addBusinessMinutes(sh('2026-11-23T07:00'), 10, OFFICE_HOURS))).toBe(iso(sh('2026-11-23T08:40')));
    expect(iso(addBusinessMinutes(sh('2026-11-22T15:00'), 10, OFFICE_HOURS))).toBe(iso(sh('2026-11-23T08:40')));
  });

  it('zero minutes gives the next running instant', () => {
    expect(iso(addBusinessMinutes(sh('2026-11-23T10:00'), 0, OFFICE_HOURS))).toBe(iso(sh('2026-11-23T10:00')));
    expect(iso(addBusinessMinutes(sh('2026-11-23T12:10'), 0, OFFICE_HOURS))).toBe(iso(sh('2026-11-23T13:30')));
  });

  it('keeps seconds of the start', () => {
    expect(iso(addBusinessMinutes(sh('2026-11-23T10:00:42'), 5, OFFICE_HOURS))).toBe(iso(sh('2026-11-23T10:05:42')));
  });

  it('Dec 31 → Jan 2 across the year end with New Year a holiday', () => {
    const cal = { ...OFFICE_HOURS, holidays: ['2027-01-01'] };
    // Thu 31 Dec 17:00 + 60: 30 min, Fri 1 Jan closed, Sat 2 Jan 09:00 + 30.
    expect(iso(addBusinessMinutes(sh('2026-12-31T17:00'), 60, cal))).toBe(iso(sh('2027-01-02T09:30')));
  });

  it('crosses a month end', () => {
    // Fri 30 Jan 16:00 + 600: 90 that day, then Mon 2 Feb: 210 + 240 = 450 (total 540), Tue 08:30 + 60.
    expect(iso(addBusinessMinutes(sh('2026-01-30T16:00'), 600, MON_FRI))).toBe(iso(sh('2026-02-03T09:30')));
    // 29 Feb exists in 2028.
    expect(iso(addBusinessMinutes(sh('2028-02-28T17:00'), 60, MON_FRI))).toBe(iso(sh('2028-02-29T09:00')));
  });

  it('crosses midnight on an always-open calendar', () => {
    expect(iso(addBusinessMinutes(sh('2026-11-22T23:30'), 60, ALWAYS_OPEN))).toBe(iso(sh('2026-11-23T00:30')));
  });

  it('crosses midnight on a night shift split at 24:00', () => {
    const night: BusinessCalendar = {
      ...MON_FRI,
      weeklyHours: { 0: [], 1: [{ start: '20:00', end: '24:00' }], 2: [{ start: '00:00', end: '02:00' }], 3: [], 4: [], 5: [], 6: [] },
    };
    expect(iso(addBusinessMinutes(sh('2026-11-23T23:00'), 120, night))).toBe(iso(sh('2026-11-24T01:00')));
    expect(businessMinutesBetween(sh('2026-11-23T19:00'), sh('2026-11-24T03:00'), night)).toBe(360);
  });

  it('rejects bad input', () => {
    expect(() => addBusinessMinutes(sh('2026-11-23T10:00'), -1, OFFICE_HOURS)).toThrow(RangeError);
    expect(() => addBusinessMinutes(sh('2026-11-23T10:00'), Number.NaN, OFFICE_HOURS)).toThrow(RangeError);
    expect(() => addBusinessMinutes(new Date('nope'), 1, OFFICE_HOURS)).toThrow(RangeError);
  });

  it('throws instead of looping when the calendar never opens again', () => {
    const closed: BusinessCalendar = { ...MON_FRI, weeklyHours: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] } };
    expect(() => addBusinessMinutes(sh('2026-11-23T10:00'), 1, closed)).toThrow(RangeError);
    // Make-up days borrow a weekday's hours, so without weekly hours they open nothing either.
    expect(() => addBusinessMinutes(sh('2026-10-01T10:00'), 1, { ...closed, workdays: ['2026-10-10'] })).toThrow(RangeError);
    expect(() => nextWorkingDayStart(sh('2026-10-01T10:00'), closed)).toThrow(RangeError);
    expect(businessMinutesBetween(sh('2026-10-01T10:00'), sh('2026-12-01T10:00'), closed)).toBe(0);
  });

  it('with hours on one weekday only, a long run of holidays is still crossed', () => {
    const holidays = Array.from({ length: 40 }, (_, i) => {
      const d = new Date(Date.UTC(2026, 10, 23 + i * 7));
      return d.toISOString().slice(0, 10);
    });
    const mondays: BusinessCalendar = { ...MON_FRI, weeklyHours: { 0: [], 1: [{ start: '09:00', end: '10:00' }], 2: [], 3: [], 4: [], 5: [], 6: [] }, holidays };
    expect(iso(addBusinessMinutes(sh('2026-11-20T12:00'), 30, mondays))).toBe(iso(sh('2027-08-30T09:30')));
  });
});

describe('businessMinutesBetween', () => {
  it('counts Friday afternoon to Monday morning without the weekend', () => {
    expect(businessMinutesBetween(sh('2026-11-20T16:00'), sh('2026-11-23T10:00'), MON_FRI)).toBe(90 + 90);
    expect(businessMinutesBetween(sh('2026-11-20T16:00'), sh('2026-11-23T10:00'), OFFICE_HOURS)).toBe(90 + 180 + 90);
  });

  it('does not count lunch', () => {
    expect(businessMinutesBetween(sh('2026-11-23T11:00'), sh('2026-11-23T14:00'), OFFICE_HOURS)).toBe(60 + 30);
    expect(businessMinutesBetween(sh('2026-11-23T12:05'), sh('2026-11-23T13:25'), OFFICE_HOURS)).toBe(0);
  });

  it('counts a whole week and a whole year', () => {
    expect(businessMinutesBetween(sh('2026-11-23T00:00'), sh('2026-11-30T00:00'), OFFICE_HOURS)).toBe(5 * 450 + 180);
    // 2026 has 261 weekdays and 52 Saturdays.
    expect(businessMinutesBetween(sh('2026-01-01T00:00'), sh('2027-01-01T00:00'), OFFICE_HOURS)).toBe(261 * 450 + 52 * 180);
  });

  it('is signed and zero for equal instants', () => {
    expect(businessMinutesBetween(sh('2026-11-23T10:00'), sh('2026-11-23T09:00'), OFFICE_HOURS)).toBe(-60);
    expect(businessMinutesBetween(sh('2026-11-23T10:00'), sh('2026-11-23T10:00'), OFFICE_HOURS)).toBe(0);
  });

  it('returns fractions for instants inside minutes', () => {
    expect(businessMinutesBetween(sh('2026-11-23T10:00:00'), sh('2026-11-23T10:00:30'), OFFICE_HOURS)).toBe(0.5);
  });

  it('is the inverse of addBusinessMinutes over many starts and budgets', () => {
    // Deterministic pseudo-random cases (an LCG), so a failure reproduces.
    let seed = 42;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const cal = { ...OFFICE_HOURS, holidays: ['2026-12-25', '2027-01-01'], workdays: ['2026-12-27'] };
    const base = sh('2026-12-01T00:00').getTime();
    for (let i = 0; i < 300; i++) {
      const start = new Date(base + Math.floor(next() * 45 * 86_400_000));
      const minutes = Math.floor(next() * 5000);
      const end = addBusinessMinutes(start, minutes, cal);
      expect(businessMinutesBetween(start, end, cal)).toBe(minutes);
      expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
    }
  });
});

describe('pauses (on hold)', () => {
  const mon = (hhmm: string): Date => sh(`2026-11-23T${hhmm}`);

  it('a closed pause pushes the result by the paused working time', () => {
    const pauses: Pause[] = [{ from: mon('09:30'), to: mon('10:00') }];
    expect(iso(addBusinessMinutes(mon('09:00'), 60, OFFICE_HOURS, pauses))).toBe(iso(mon('10:30')));
    expect(businessMinutesBetween(mon('09:00'), mon('10:30'), OFFICE_HOURS, pauses)).toBe(60);
  });

  it('paused time outside working hours costs nothing extra', () => {
    const pauses: Pause[] = [{ from: mon('11:30'), to: mon('14:00') }];
    // 30 min before the pause, the pause eats lunch and 30 working minutes, resume at 14:00.
    expect(iso(addBusinessMinutes(mon('11:00'), 60, OFFICE_HOURS, pauses))).toBe(iso(mon('14:30')));
  });

  it('merges overlapping, unsorted pauses and ignores ones before the start', () => {
    const pauses: Pause[] = [
      { from: mon('10:15'), to: mon('10:45') },
      { from: sh('2026-11-20T09:00'), to: sh('2026-11-20T10:00') },
      { from: mon('10:00'), to: mon('10:30') },
    ];
    expect(iso(addBusinessMinutes(mon('09:00'), 90, OFFICE_HOURS, pauses))).toBe(iso(mon('11:15')));
  });

  it('a pause over the weekend into Monday', () => {
    const pauses: Pause[] = [{ from: sh('2026-11-20T17:00'), to: mon('09:00') }];
    expect(iso(addBusinessMinutes(sh('2026-11-20T16:30'), 60, OFFICE_HOURS, pauses))).toBe(iso(mon('09:30')));
  });

  it('a pause that starts at the start delays the clock', () => {
    const pauses: Pause[] = [{ from: mon('09:00'), to: mon('09:45') }];
    expect(iso(addBusinessMinutes(mon('09:00'), 0, OFFICE_HOURS, pauses))).toBe(iso(mon('09:45')));
  });

  it('an open pause after the budget is spent changes nothing', () => {
    const pauses: Pause[] = [{ from: mon('11:00'), to: null }];
    expect(iso(addBusinessMinutes(mon('09:00'), 60, OFFICE_HOURS, pauses))).toBe(iso(mon('10:00')));
    expect(iso(addBusinessMinutes(mon('09:00'), 120, OFFICE_HOURS, pauses))).toBe(iso(mon('11:00')));
  });

  it('an open pause before the budget is spent has no finite answer', () => {
    const pauses: Pause[] = [{ from: mon('09:30'), to: null }];
    expect(() => addBusinessMinutes(mon('09:00'), 60, OFFICE_HOURS, pauses)).toThrow(RangeError);
    expect(() => addBusinessMinutes(mon('09:00'), 60, ALWAYS_OPEN, pauses)).toThrow(RangeError);
  });

  it('an open pause stops counting in businessMinutesBetween', () => {
    const pauses: Pause[] = [{ from: mon('09:30'), to: null }];
    expect(businessMinutesBetween(mon('09:00'), sh('2026-12-23T09:00'), OFFICE_HOURS, pauses)).toBe(30);
  });

  it('on an always-open calendar a pause removes exactly its length', () => {
    const pauses: Pause[] = [{ from: sh('2026-11-22T22:00'), to: sh('2026-11-23T02:00') }];
    expect(iso(addBusinessMinutes(sh('2026-11-22T21:00'), 120, ALWAYS_OPEN, pauses))).toBe(iso(sh('2026-11-23T03:00')));
  });

  it('normalizePauses drops inverted pauses and can close open ones', () => {
    expect(normalizePauses([{ from: mon('10:00'), to: mon('09:00') }])).toEqual([]);
    expect(normalizePauses([{ from: mon('10:00'), to: null }], mon('10:20'))).toEqual([[mon('10:00').getTime(), mon('10:20').getTime()]]);
  });
});

describe('long spans', () => {
  it('five years of working minutes in well under a second', () => {
    const started = performance.now();
    const start = sh('2026-01-05T08:30');
    const end = addBusinessMinutes(start, 5 * 126_810, OFFICE_HOURS);
    expect(businessMinutesBetween(start, end, OFFICE_HOURS)).toBe(5 * 126_810);
    expect(end.getUTCFullYear()).toBe(2031);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('isOpenAt, nextOpening, nextWorkingDayStart', () => {
  it('isOpenAt respects interval bounds (start inclusive, end exclusive)', () => {
    expect(isOpenAt(sh('2026-11-23T08:30'), OFFICE_HOURS)).toBe(true);
    expect(isOpenAt(sh('2026-11-23T08:29'), OFFICE_HOURS)).toBe(false);
    expect(isOpenAt(sh('2026-11-23T12:00'), OFFICE_HOURS)).toBe(false);
    expect(isOpenAt(sh('2026-11-22T10:00'), OFFICE_HOURS)).toBe(false);
    expect(isOpenAt(sh('2026-11-22T03:00'), ALWAYS_OPEN)).toBe(true);
  });

  it('nextOpening', () => {
    expect(iso(nextOpening(sh('2026-11-21T12:00'), OFFICE_HOURS))).toBe(iso(sh('2026-11-23T08:30')));
    expect(iso(nextOpening(sh('2026-11-23T09:00'), OFFICE_HOURS))).toBe(iso(sh('2026-11-23T09:00')));
  });

  it('nextWorkingDayStart is the first opening of the next open day', () => {
    expect(iso(nextWorkingDayStart(sh('2026-11-20T16:00'), OFFICE_HOURS))).toBe(iso(sh('2026-11-21T09:00')));
    expect(iso(nextWorkingDayStart(sh('2026-11-21T10:00'), OFFICE_HOURS))).toBe(iso(sh('2026-11-23T08:30')));
    // Early on Monday morning is still Monday: the next working day is Tuesday.
    expect(iso(nextWorkingDayStart(sh('2026-11-23T01:00'), OFFICE_HOURS))).toBe(iso(sh('2026-11-24T08:30')));
    expect(iso(nextWorkingDayStart(sh('2026-11-22T23:00'), ALWAYS_OPEN))).toBe(iso(sh('2026-11-23T00:00')));
  });
});
