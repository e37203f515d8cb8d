/**
 * Business-time arithmetic: how many working minutes lie between two instants, and when a
 * budget of working minutes runs out. Time is walked one opening interval at a time (a few
 * per local day), never minute by minute, so a year-long span costs a few hundred steps.
 *
 * Every interval is turned into real instants separately, so a DST day simply has its real
 * length and a minute is always sixty real seconds.
 */
import { compileCalendar, rangesOnDay, type BusinessCalendar, type CompiledCalendar } from './calendar.js';
import { localEpochDay, localToInstant, MS_PER_MINUTE } from './zoned-time.js';

/** A span during which the clock stands still (ticket on hold); `to: null` = still paused. */
export interface Pause {
  from: Date;
  to: Date | null;
}

type Span = readonly [number, number];

/**
 * Sorted, merged pauses as ms spans; an open pause runs to +Infinity. Pauses that end before
 * they begin are ignored (bad data should not stop the clock forever).
 */
export function normalizePauses(pauses: readonly Pause[] | undefined, closeOpenAt?: Date): Span[] {
  const spans: [number, number][] = [];
  for (const p of pauses ?? []) {
    const from = p.from.getTime();
    const to = p.to ? p.to.getTime() : closeOpenAt ? Math.max(from, closeOpenAt.getTime()) : Infinity;
    if (Number.isFinite(from) && to > from) spans.push([from, to]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** Yields the parts of [s, e) not covered by pauses; `cursor` carries the scan position. */
function* minusPauses(s: number, e: number, pauses: readonly Span[], cursor: { i: number }): Generator<Span> {
  while (cursor.i < pauses.length && (pauses[cursor.i]?.[1] ?? Infinity) <= s) cursor.i++;
  let cur = s;
  for (let j = cursor.i; cur < e; j++) {
    const p = pauses[j];
    if (!p || p[0] >= e) {
      yield [cur, e];
      return;
    }
    if (p[0] > cur) yield [cur, p[0]];
    cur = Math.max(cur, p[1]);
  }
}

/**
 * The running-clock spans from `fromMs` onwards, in order. Ends when the clock can never run
 * again (an open pause, or a calendar without any opening hours); otherwise infinite.
 */
function* clockSpans(fromMs: number, cal: CompiledCalendar, pauses: readonly Span[]): Generator<Span> {
  if (cal.neverOpen) return;
  const cursor = { i: 0 };
  const lastPause = pauses[pauses.length - 1];
  const stopAt = lastPause && lastPause[1] === Infinity ? lastPause[0] : Infinity;
  const tz = cal.calendar.timeZone;
  if (cal.calendar.alwaysOpen) {
    // 24/7: no need to visit days at all.
    yield* minusPauses(fromMs, Infinity, pauses, cursor);
    return;
  }
  for (let day = localEpochDay(fromMs, tz); ; day++) {
    if (stopAt !== Infinity && localToInstant(day, 0, tz) >= stopAt) return;
    for (const [startMin, endMin] of rangesOnDay(cal, day)) {
      const s = Math.max(localToInstant(day, startMin, tz), fromMs);
      const e = localToInstant(day, endMin, tz);
      if (e > s) yield* minusPauses(s, e, pauses, cursor);
    }
  }
}

function assertDate(d: Date, name: string): number {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`${name} is an invalid Date`);
  return t;
}

/**
 * The instant at which `minutes` working minutes have elapsed since `start`, skipping closed
 * hours and pauses. A start outside opening hours counts from the next opening; a budget that
 * runs out exactly at closing time returns the closing instant (Fri 17:30, not Mon 08:30).
 * `minutes = 0` returns the first running instant at or after `start`.
 *
 * Throws RangeError when the budget can never be spent: a pause without an end (close it at
 * "now" first, see `dueWithPauses`) or a calendar with no future opening hours.
 */
export function addBusinessMinutes(
  start: Date,
  minutes: number,
  cal: BusinessCalendar,
  pauses?: readonly Pause[],
): Date {
  const from = assertDate(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  let remaining = Math.round(minutes * MS_PER_MINUTE);
  for (const [s, e] of clockSpans(from, compileCalendar(cal), normalizePauses(pauses))) {
    if (e - s >= remaining) return new Date(s + remaining);
    remaining -= e - s;
  }
  throw new RangeError('the business clock never runs again (open pause or no future opening hours)');
}

/**
 * Working minutes between two instants (fractional when they are not on whole minutes),
 * excluding closed hours and pauses. Signed: negative when `b` is before `a`.
 */
export function businessMinutesBetween(a: Date, b: Date, cal: BusinessCalendar, pauses?: readonly Pause[]): number {
  const from = assertDate(a, 'a');
  const to = assertDate(b, 'b');
  if (to < from) return -businessMinutesBetween(b, a, cal, pauses);
  let total = 0;
  for (const [s, e] of clockSpans(from, compileCalendar(cal), normalizePauses(pauses))) {
    if (s >= to) break;
    total += Math.min(e, to) - s;
  }
  return total / MS_PER_MINUTE;
}

/** Whether the calendar is open at an instant (pauses are a ticket matter, not considered). */
export function isOpenAt(at: Date, cal: BusinessCalendar): boolean {
  const t = assertDate(at, 'at');
  for (const [s] of clockSpans(t, compileCalendar(cal), [])) return s === t;
  return false;
}

/** The first instant at or after `at` when the calendar is open (the same instant if open). */
export function nextOpening(at: Date, cal: BusinessCalendar): Date {
  return addBusinessMinutes(at, 0, cal);
}

/**
 * The start of the first opening interval on the next open local day after the day of `at`
 * (an always-open calendar: the next local midnight). Used for "next working day" deadlines.
 */
export function nextWorkingDayStart(at: Date, cal: BusinessCalendar): Date {
  const t = assertDate(at, 'at');
  const c = compileCalendar(cal);
  const tz = cal.timeZone;
  if (c.neverOpen) throw new RangeError('the calendar has no opening hours');
  for (let day = localEpochDay(t, tz) + 1; ; day++) {
    const first = rangesOnDay(c, day)[0];
    if (first) return new Date(localToInstant(day, first[0], tz));
  }
}
