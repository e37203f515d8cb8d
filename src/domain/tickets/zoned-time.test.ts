import { describe, expect, it } from 'vitest';
import {
  epochDayFromIsoDate,
  epochDayFromYmd,
  isoDateOfEpochDay,
  isValidTimeZone,
  localEpochDay,
  localToInstant,
  offsetMs,
  toLocal,
  weekdayOfEpochDay,
  ymdFromEpochDay,
} from './zoned-time.js';

const HOUR = 3_600_000;
const day = (iso: string): number => {
  const d = epochDayFromIsoDate(iso);
  if (d === null) throw new Error(`bad test date ${iso}`);
  return d;
};

describe('toLocal / offsetMs', () => {
  it('reads Shanghai wall time (UTC+8 all year)', () => {
    expect(toLocal(Date.parse('2026-11-21T16:30:05Z'), 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 11,
      day: 22,
      hour: 0,
      minute: 30,
      second: 5,
    });
    expect(offsetMs('Asia/Shanghai', Date.parse('2026-01-15T00:00:00Z'))).toBe(8 * HOUR);
    expect(offsetMs('Asia/Shanghai', Date.parse('2026-07-15T00:00:00Z'))).toBe(8 * HOUR);
  });

  it('prints midnight as hour 0, not 24', () => {
    expect(toLocal(Date.parse('2026-03-01T16:00:00Z'), 'Asia/Shanghai').hour).toBe(0);
  });

  it('follows Berlin summer time', () => {
    expect(offsetMs('Europe/Berlin', Date.parse('2026-01-15T12:00:00Z'))).toBe(1 * HOUR);
    expect(offsetMs('Europe/Berlin', Date.parse('2026-07-15T12:00:00Z'))).toBe(2 * HOUR);
    // The switch happens at 01:00 UTC on the last Sunday of March.
    expect(offsetMs('Europe/Berlin', Date.parse('2026-03-29T00:59:59Z'))).toBe(1 * HOUR);
    expect(offsetMs('Europe/Berlin', Date.parse('2026-03-29T01:00:00Z'))).toBe(2 * HOUR);
  });

  it('ignores milliseconds of the instant', () => {
    expect(offsetMs('Asia/Shanghai', Date.parse('2026-01-15T00:00:00.999Z'))).toBe(8 * HOUR);
  });
});

describe('epoch days', () => {
  it('round-trips dates and knows weekdays, also before 1970', () => {
    expect(epochDayFromYmd(1970, 1, 1)).toBe(0);
    expect(weekdayOfEpochDay(0)).toBe(4); // Thursday
    expect(weekdayOfEpochDay(-1)).toBe(3); // 1969-12-31, Wednesday
    expect(weekdayOfEpochDay(day('2026-11-22'))).toBe(0); // Sunday
    expect(ymdFromEpochDay(day('2028-02-29'))).toEqual({ year: 2028, month: 2, day: 29 });
    expect(isoDateOfEpochDay(day('2026-12-31') + 1)).toBe('2027-01-01');
  });

  it('rejects malformed and impossible dates', () => {
    expect(epochDayFromIsoDate('2026-02-29')).toBeNull();
    expect(epochDayFromIsoDate('2026-02-30')).toBeNull();
    expect(epochDayFromIsoDate('2026-13-01')).toBeNull();
    expect(epochDayFromIsoDate('2026-2-3')).toBeNull();
    expect(epochDayFromIsoDate('2026-02-03T00:00')).toBeNull();
    expect(epochDayFromIsoDate('2028-02-29')).not.toBeNull();
  });

  it('finds the local day of an instant in its zone', () => {
    const t = Date.parse('2026-12-31T16:30:00Z');
    expect(isoDateOfEpochDay(localEpochDay(t, 'Asia/Shanghai'))).toBe('2027-01-01');
    expect(isoDateOfEpochDay(localEpochDay(t, 'Europe/Berlin'))).toBe('2026-12-31');
  });
});

describe('localToInstant', () => {
  it('converts Shanghai wall time', () => {
    expect(new Date(localToInstant(day('2026-11-20'), 8 * 60 + 30, 'Asia/Shanghai')).toISOString()).toBe(
      '2026-11-20T00:30:00.000Z',
    );
  });

  it('treats minute 1440 as the next midnight', () => {
    expect(localToInstant(day('2026-12-31'), 1440, 'Asia/Shanghai')).toBe(localToInstant(day('2027-01-01'), 0, 'Asia/Shanghai'));
  });

  it('moves a reading in the spring-forward gap forward by the gap', () => {
    // 02:30 does not exist in Berlin on 2026-03-29; compatible rule gives 03:30 CEST.
    expect(new Date(localToInstant(day('2026-03-29'), 150, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(localToInstant(day('2026-03-29'), 180, 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('picks the earlier instant in the fall-back overlap', () => {
    // 02:30 happens twice on 2026-10-25; the first one is still CEST (UTC+2).
    expect(new Date(localToInstant(day('2026-10-25'), 150, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(localToInstant(day('2026-10-25'), 180, 'Europe/Berlin')).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('gives DST days their real length', () => {
    const len = (iso: string): number =>
      (localToInstant(day(iso), 1440, 'Europe/Berlin') - localToInstant(day(iso), 0, 'Europe/Berlin')) / HOUR;
    expect(len('2026-03-29')).toBe(23);
    expect(len('2026-10-25')).toBe(25);
    expect(len('2026-06-01')).toBe(24);
  });

  it('round-trips with toLocal for ordinary times', () => {
    for (const tz of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
      const t = localToInstant(day('2026-08-07'), 13 * 60 + 45, tz);
      expect(toLocal(t, tz)).toMatchObject({ year: 2026, month: 8, day: 7, hour: 13, minute: 45 });
    }
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects others', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
