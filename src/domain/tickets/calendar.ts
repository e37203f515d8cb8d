/**
 * Business calendars: when the clock of a time limit runs. A calendar is data (stored,
 * edited in settings, validated by `businessCalendarSchema`); the arithmetic lives in
 * business-time.ts.
 */
import { z } from 'zod';
import {
  epochDayFromIsoDate,
  isValidTimeZone,
  weekdayOfEpochDay,
  type Weekday,
} from './zoned-time.js';

export type { Weekday } from './zoned-time.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Wall-clock "HH:MM"; "24:00" is allowed as an end so a day can be open until midnight. */
const HHMM = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function minutesOfHhmm(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export const timeIntervalSchema = z
  .object({
    start: z.string().regex(HHMM, 'expected HH:MM'),
    end: z.string().regex(HHMM, 'expected HH:MM (24:00 allowed)'),
  })
  .refine((i) => minutesOfHhmm(i.start) < minutesOfHhmm(i.end), {
    message: 'start must be before end (an interval cannot cross midnight; split it)',
  });

export type TimeInterval = z.output<typeof timeIntervalSchema>;

const dayHoursSchema = z
  .array(timeIntervalSchema)
  .default([])
  .superRefine((intervals, ctx) => {
    const sorted = [...intervals].sort((a, b) => minutesOfHhmm(a.start) - minutesOfHhmm(b.start));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (prev && cur && minutesOfHhmm(cur.start) < minutesOfHhmm(prev.end)) {
        ctx.addIssue({ code: 'custom', message: `intervals ${prev.start}-${prev.end} and ${cur.start}-${cur.end} overlap` });
      }
    }
  });

/** Keys are weekdays as JSON keys "0" (Sunday) … "6" (Saturday); a missing day is closed. */
export const weeklyHoursSchema = z.object({
  '0': dayHoursSchema,
  '1': dayHoursSchema,
  '2': dayHoursSchema,
  '3': dayHoursSchema,
  '4': dayHoursSchema,
  '5': dayHoursSchema,
  '6': dayHoursSchema,
});

export type WeeklyHours = Record<Weekday, TimeInterval[]>;

const isoDateSchema = z.string().refine((s) => epochDayFromIsoDate(s) !== null, 'expected a real date as YYYY-MM-DD');

// A literal union rather than a transform, so the schema still converts to JSON Schema/OpenAPI.
export const weekdaySchema = z.literal([0, 1, 2, 3, 4, 5, 6]);

export const businessCalendarSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  timeZone: z.string().default(DEFAULT_TIME_ZONE).refine(isValidTimeZone, 'unknown IANA time zone'),
  /** 24/7: every minute counts; weekly hours, holidays and workdays are ignored. */
  alwaysOpen: z.boolean().default(false),
  weeklyHours: weeklyHoursSchema.default({ 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] }),
  /** Local dates that are closed (public holidays). A holiday wins over a workday listing. */
  holidays: z.array(isoDateSchema).default([]),
  /** Local dates that are open although the weekday is not (调休 make-up working days). */
  workdays: z.array(isoDateSchema).default([]),
  /** Whose hours a make-up working day uses; Monday by default. */
  workdayHoursFrom: weekdaySchema.default(1),
});

export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;

export interface BusinessCalendar {
  id: string;
  name: string;
  timeZone: string;
  alwaysOpen: boolean;
  weeklyHours: WeeklyHours;
  holidays: string[];
  workdays: string[];
  workdayHoursFrom: Weekday;
}

/** Parse a calendar from untrusted input (API body, database JSON). Throws a ZodError. */
export function parseBusinessCalendar(input: unknown): BusinessCalendar {
  return businessCalendarSchema.parse(input);
}

const weekdays = (hours: TimeInterval[]): WeeklyHours => ({ 0: [], 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: [] });

export const ALWAYS_OPEN: BusinessCalendar = {
  id: 'always-open',
  name: 'Always open / 全天候',
  timeZone: DEFAULT_TIME_ZONE,
  alwaysOpen: true,
  weeklyHours: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] },
  holidays: [],
  workdays: [],
  workdayHoursFrom: 1,
};

/**
 * Service-center office hours: weekdays with a lunch break, Saturday mornings. Holidays are
 * left empty on purpose: the State Council publishes each year's holidays and 调休 days in
 * November, and an administrator enters them; guessing them here would be wrong data.
 */
export const OFFICE_HOURS: BusinessCalendar = {
  id: 'office-hours',
  name: 'Office hours / 办公时间',
  timeZone: DEFAULT_TIME_ZONE,
  alwaysOpen: false,
  weeklyHours: {
    ...weekdays([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]),
    6: [{ start: '09:00', end: '12:00' }],
  },
  holidays: [],
  workdays: [],
  workdayHoursFrom: 1,
};

export const SEED_CALENDARS: readonly BusinessCalendar[] = [ALWAYS_OPEN, OFFICE_HOURS];

/** A day's opening hours as sorted, merged [startMinute, endMinute) pairs. */
export type MinuteRange = readonly [number, number];

export interface CompiledCalendar {
  readonly calendar: BusinessCalendar;
  readonly weekly: Record<Weekday, MinuteRange[]>;
  readonly holidays: ReadonlySet<number>;
  readonly workdays: ReadonlySet<number>;
  /**
   * No weekday has hours (and it is not always open), so no day can ever open: make-up days
   * borrow a weekday's hours too. Lets the arithmetic fail fast instead of searching forever.
   */
  readonly neverOpen: boolean;
}

function toRanges(intervals: readonly TimeInterval[]): MinuteRange[] {
  const ranges = intervals
    .map((i): [number, number] => [minutesOfHhmm(i.start), minutesOfHhmm(i.end)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  // Merge touching or overlapping intervals so callers can trust the pairs are disjoint.
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

function toDaySet(dates: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const d of dates) {
    const day = epochDayFromIsoDate(d);
    if (day !== null) out.add(day);
  }
  return out;
}

// Calendars are treated as immutable values, so their parsed form is memoised per object.
const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached) return cached;
  const h = calendar.weeklyHours;
  const weekly: Record<Weekday, MinuteRange[]> = {
    0: toRanges(h[0] ?? []),
    1: toRanges(h[1] ?? []),
    2: toRanges(h[2] ?? []),
    3: toRanges(h[3] ?? []),
    4: toRanges(h[4] ?? []),
    5: toRanges(h[5] ?? []),
    6: toRanges(h[6] ?? []),
  };
  const holidays = toDaySet(calendar.holidays);
  const workdays = toDaySet(calendar.workdays);
  // Holidays are a finite list, so any weekday with hours guarantees an open day ahead.
  const neverOpen = !calendar.alwaysOpen && !Object.values(weekly).some((r) => r.length > 0);
  const result: CompiledCalendar = { calendar, weekly, holidays, workdays, neverOpen };
  compiled.set(calendar, result);
  return result;
}

/** Opening hours on a local day (epoch day); an always-open calendar is open all day. */
export function rangesOnDay(c: CompiledCalendar, epochDay: number): MinuteRange[] {
  if (c.calendar.alwaysOpen) return [[0, 1440]];
  if (c.holidays.has(epochDay)) return [];
  if (c.workdays.has(epochDay)) return c.weekly[c.calendar.workdayHoursFrom];
  return c.weekly[weekdayOfEpochDay(epochDay)];
}

/** Opening hours on a local date `YYYY-MM-DD`, for settings screens and tests. */
export function hoursOn(calendar: BusinessCalendar, isoDate: string): TimeInterval[] {
  const day = epochDayFromIsoDate(isoDate);
  if (day === null) throw new RangeError(`not a date: ${isoDate}`);
  const fmt = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return rangesOnDay(compileCalendar(calendar), day).map(([s, e]) => ({ start: fmt(s), end: fmt(e) }));
}
