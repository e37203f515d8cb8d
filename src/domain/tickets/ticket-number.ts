/**
 * Human ticket numbers, `WO-20261122-0007`: the creation date in the service center's time
 * zone (so numbers roll over at local midnight, not UTC midnight) and a per-day sequence.
 */
import { DEFAULT_TIME_ZONE } from './calendar.js';
import { epochDayFromIsoDate, toLocal } from './zoned-time.js';

export const TICKET_NUMBER_PREFIX = 'WO';

/** Four digits are the usual width; a 10 000th ticket in a day widens rather than wraps. */
const SEQ_WIDTH = 4;

export function formatTicketNumber(date: Date, dailySeq: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  if (!Number.isFinite(date.getTime())) throw new RangeError('date is an invalid Date');
  if (!Number.isInteger(dailySeq) || dailySeq < 1) throw new RangeError(`dailySeq must be an integer >= 1, got ${dailySeq}`);
  const l = toLocal(date.getTime(), timeZone);
  const ymd = `${String(l.year).padStart(4, '0')}${String(l.month).padStart(2, '0')}${String(l.day).padStart(2, '0')}`;
  return `${TICKET_NUMBER_PREFIX}-${ymd}-${String(dailySeq).padStart(SEQ_WIDTH, '0')}`;
}

export interface ParsedTicketNumber {
  /** Local date `YYYY-MM-DD` in the zone the number was made in. */
  date: string;
  dailySeq: number;
}

const PATTERN = /^WO-(\d{4})(\d{2})(\d{2})-(\d{4,})$/;

/** Reads a ticket number (case-insensitive, surrounding spaces ignored); null if it is not one. */
export function parseTicketNumber(value: string): ParsedTicketNumber | null {
  const m = PATTERN.exec(value.trim().toUpperCase());
  if (!m) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const dailySeq = Number(m[4]);
  if (epochDayFromIsoDate(date) === null || !Number.isSafeInteger(dailySeq) || dailySeq < 1) return null;
  return { date, dailySeq };
}
