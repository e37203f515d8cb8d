/**
 * Wall-clock arithmetic in an IANA time zone without a date library: the zone's offset is read
 * from Intl (the ICU data shipped with Node and the Workers runtime), local calendar days are
 * counted as "epoch days" (days since 1970-01-01 on the proleptic Gregorian calendar).
 *
 * Pure: nothing here reads the clock. The formatter cache only memoises Intl objects, which are
 * expensive to build and deterministic for a given zone.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1440;

/** 0 = Sunday … 6 = Saturday, the same numbering as `Date#getUTCDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23, not hour12:false: the latter prints midnight as "24" on some ICU versions.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a zone. */
export function toLocal(instantMs: number, timeZone: string): LocalDateTime {
  const out: LocalDateTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    switch (part.type) {
      case 'year':
        out.year = Number(part.value);
        break;
      case 'month':
        out.month = Number(part.value);
        break;
      case 'day':
        out.day = Number(part.value);
        break;
      case 'hour':
        out.hour = Number(part.value) % 24;
        break;
      case 'minute':
        out.minute = Number(part.value);
        break;
      case 'second':
        out.second = Number(part.value);
        break;
      default:
        break;
    }
  }
  return out;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (Shanghai: +8 h). */
export function offsetMs(timeZone: string, instantMs: number): number {
  const l = toLocal(instantMs, timeZone);
  const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  // Intl drops milliseconds, so compare against the instant truncated to the second.
  return wall - Math.floor(instantMs / 1000) * 1000;
}

export function epochDayFromYmd(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function ymdFromEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const d = new Date(epochDay * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function weekdayOfEpochDay(epochDay: number): Weekday {
  // 1970-01-01 was a Thursday (4); the double modulo keeps days before 1970 positive.
  return ((((epochDay + 4) % 7) + 7) % 7) as Weekday;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function isoDateOfEpochDay(epochDay: number): string {
  const { year, month, day } = ymdFromEpochDay(epochDay);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day of a `YYYY-MM-DD` string, or null when it is malformed or not a real date. */
export function epochDayFromIsoDate(iso: string): number | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const epochDay = epochDayFromYmd(year, month, day);
  const back = ymdFromEpochDay(epochDay);
  // Date.UTC silently rolls 2026-02-30 over to March; reject instead.
  return back.year === year && back.month === month && back.day === day ? epochDay : null;
}

/** The local calendar day (as an epoch day) on which an instant falls in a zone. */
export function localEpochDay(instantMs: number, timeZone: string): number {
  const l = toLocal(instantMs, timeZone);
  return epochDayFromYmd(l.year, l.month, l.day);
}

/**
 * The instant at which the zone's wall clock shows `minuteOfDay` on a local day
 * (`minuteOfDay` may be 1440, meaning the next midnight).
 *
 * Ambiguous and skipped readings around DST changes follow the "compatible" rule of
 * Temporal and of most calendars: in a fall-back overlap the earlier instant wins; a reading
 * that does not exist (spring-forward gap) is moved forward by the length of the gap, so
 * 02:30 on a Berlin spring-forward night becomes 03:30 CEST.
 */
export function localToInstant(epochDay: number, minuteOfDay: number, timeZone: string): number {
  const wall = epochDay * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  // Offsets a day either side bracket at most one transition (no zone changes twice in 48 h).
  const before = offsetMs(timeZone, wall - MS_PER_DAY);
  const after = offsetMs(timeZone, wall + MS_PER_DAY);
  const withBefore = wall - before;
  if (before === after) return withBefore;
  const withAfter = wall - after;
  const beforeValid = offsetMs(timeZone, withBefore) === before;
  const afterValid = offsetMs(timeZone, withAfter) === after;
  if (beforeValid && afterValid) return Math.min(withBefore, withAfter);
  if (beforeValid) return withBefore;
  if (afterValid) return withAfter;
  return withBefore;
}
