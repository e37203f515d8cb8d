/** The period a report covers, from query strings: local dates in the center's time zone or exact instants. */
import { epochDayFromIsoDate, localToInstant } from '../tickets/zoned-time.js';

export const MAX_RANGE_DAYS = 400;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// An instant must say its offset: "10:00" alone would mean a different moment on every server.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface ReportRange {
  from: Date;
  /** Exclusive. */
  to: Date;
}

/**
 * `from` is inclusive, `to` exclusive, except that a `to` given as a date means "through that
 * day" (from=2026-11-01&to=2026-11-30 is the whole of November), as people write periods.
 * Returns an error message for anything else.
 */
export function parseReportRange(from: string, to: string, timeZone: string): ReportRange | string {
  const start = parseBound(from, timeZone, false);
  const end = parseBound(to, timeZone, true);
  if (!start) return `from: expected YYYY-MM-DD or an ISO instant with its offset, got "${from}"`;
  if (!end) return `to: expected YYYY-MM-DD or an ISO instant with its offset, got "${to}"`;
  if (end.getTime() <= start.getTime()) return 'to must be after from';
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * 86_400_000) return `a report covers at most ${MAX_RANGE_DAYS} days`;
  return { from: start, to: end };
}

function parseBound(s: string, timeZone: string, endOfDay: boolean): Date | null {
  if (DATE.test(s)) {
    const day = epochDayFromIsoDate(s);
    return day === null ? null : new Date(localToInstant(day + (endOfDay ? 1 : 0), 0, timeZone));
  }
  if (!INSTANT.test(s)) return null;
  const d = new Date(s);
  return Number.isFinite(d.getTime()) ? d : null;
}
