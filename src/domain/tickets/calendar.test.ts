import { describe, expect, it } from 'vitest';
import {
  ALWAYS_OPEN,
  businessCalendarSchema,
  hoursOn,
  OFFICE_HOURS,
  parseBusinessCalendar,
  SEED_CALENDARS,
  type BusinessCalendar,
} from './calendar.js';

const minimal = { id: 'c1', name: 'Test' };

describe('businessCalendarSchema', () => {
  it('fills defaults: Shanghai, not always open, closed days, Monday hours for make-up days', () => {
    const cal = parseBusinessCalendar({ ...minimal, weeklyHours: { 1: [{ start: '09:00', end: '17:00' }] } });
    expect(cal.timeZone).toBe('Asia/Shanghai');
    expect(cal.alwaysOpen).toBe(false);
    expect(cal.weeklyHours[0]).toEqual([]);
    expect(cal.weeklyHours[1]).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(cal.holidays).toEqual([]);
    expect(cal.workdays).toEqual([]);
    expect(cal.workdayHoursFrom).toBe(1);
  });

  it('accepts several intervals a day and 24:00 as an end', () => {
    const r = businessCalendarSchema.safeParse({
      ...minimal,
      weeklyHours: { 3: [{ start: '20:00', end: '24:00' }, { start: '00:00', end: '02:00' }] },
    });
    expect(r.success).toBe(true);
  });

  it.each([
    ['unknown time zone', { timeZone: 'Asia/Atlantis' }],
    ['hour 25', { weeklyHours: { 1: [{ start: '08:00', end: '25:00' }] } }],
    ['24:00 as a start', { weeklyHours: { 1: [{ start: '24:00', end: '24:00' }] } }],
    ['single-digit hour', { weeklyHours: { 1: [{ start: '8:30', end: '12:00' }] } }],
    ['end before start', { weeklyHours: { 1: [{ start: '18:00', end: '08:00' }] } }],
    ['empty interval', { weeklyHours: { 1: [{ start: '08:00', end: '08:00' }] } }],
    ['overlapping intervals', { weeklyHours: { 1: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } }],
    ['impossible holiday', { holidays: ['2026-02-30'] }],
    ['badly written workday', { workdays: ['2026/10/10'] }],
    ['weekday 7', { workdayHoursFrom: 7 }],
    ['empty id', { id: '' }],
  ])('rejects %s', (_label, patch) => {
    expect(businessCalendarSchema.safeParse({ ...minimal, ...patch }).success).toBe(false);
  });

  it('accepts the seeds after a JSON round trip (as stored and served)', () => {
    for (const seed of SEED_CALENDARS) {
      expect(parseBusinessCalendar(JSON.parse(JSON.stringify(seed)))).toEqual(seed);
    }
  });
});

describe('seed calendars', () => {
  it('office hours: weekdays with a lunch break, Saturday morning, Sunday closed', () => {
    expect(OFFICE_HOURS.timeZone).toBe('Asia/Shanghai');
    expect(hoursOn(OFFICE_HOURS, '2026-11-23')).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(hoursOn(OFFICE_HOURS, '2026-11-27')).toHaveLength(2); // Friday
    expect(hoursOn(OFFICE_HOURS, '2026-11-21')).toEqual([{ start: '09:00', end: '12:00' }]);
    expect(hoursOn(OFFICE_HOURS, '2026-11-22')).toEqual([]);
  });

  it('always open is open all day, even on a listed holiday', () => {
    expect(ALWAYS_OPEN.alwaysOpen).toBe(true);
    const withHoliday: BusinessCalendar = { ...ALWAYS_OPEN, holidays: ['2026-10-01'] };
    expect(hoursOn(withHoliday, '2026-10-01')).toEqual([{ start: '00:00', end: '24:00' }]);
  });
});

describe('hoursOn', () => {
  const cal: BusinessCalendar = {
    ...OFFICE_HOURS,
    holidays: ['2026-10-01', '2026-10-11'],
    workdays: ['2026-10-10', '2026-10-11'],
  };

  it('closes holidays', () => {
    expect(hoursOn(cal, '2026-10-01')).toEqual([]);
  });

  it('opens a make-up weekend day with Monday hours by default', () => {
    expect(hoursOn(cal, '2026-10-10')).toEqual(hoursOn(cal, '2026-11-23'));
  });

  it('opens a make-up day with the hours of the chosen weekday', () => {
    const saturdayHours = { ...cal, workdayHoursFrom: 6 as const };
    expect(hoursOn(saturdayHours, '2026-10-10')).toEqual([{ start: '09:00', end: '12:00' }]);
  });

  it('lets a holiday win over a make-up day listed by mistake', () => {
    expect(hoursOn(cal, '2026-10-11')).toEqual([]);
  });

  it('sorts and merges touching intervals', () => {
    const messy: BusinessCalendar = {
      ...OFFICE_HOURS,
      weeklyHours: { ...OFFICE_HOURS.weeklyHours, 1: [{ start: '10:00', end: '12:00' }, { start: '08:00', end: '10:00' }] },
    };
    expect(hoursOn(messy, '2026-11-23')).toEqual([{ start: '08:00', end: '12:00' }]);
  });

  it('throws on a malformed date', () => {
    expect(() => hoursOn(cal, '2026-10-32')).toThrow(RangeError);
  });
});
