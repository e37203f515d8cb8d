import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, OFFICE_HOURS, parseBusinessCalendar } from '../tickets/calendar.js';
import { exactBusinessSeconds, indexedBusinessSeconds } from './business-clock.js';

// A DST zone, a holiday and a make-up working day, beside the center's own office hours.
const BERLIN = parseBusinessCalendar({
  id: 'berlin',
  name: 'Berlin',
  timeZone: 'Europe/Berlin',
  weeklyHours: { 1: [{ start: '09:00', end: '17:00' }], 2: [{ start: '09:00', end: '17:00' }], 3: [{ start: '00:00', end: '24:00' }], 5: [{ start: '08:00', end: '12:00' }] },
  holidays: ['2026-03-31'],
  workdays: ['2026-03-29'],
});

describe('indexedBusinessSeconds', () => {
  it('agrees with businessMinutesBetween on random spans, in any order of questions', () => {
    // A fixed linear-congruential sequence: the same "random" spans on every run.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const cal of [OFFICE_HOURS, BERLIN, ALWAYS_OPEN]) {
      const exact = exactBusinessSeconds(cal);
      const fast = indexedBusinessSeconds(cal);
      for (let i = 0; i < 400; i++) {
        const a = Date.parse('2026-03-01T00:00:00Z') + Math.floor(next() * 90 * 86_400_000);
        const b = a + Math.floor((next() < 0.1 ? -1 : 1) * next() * 20 * 86_400_000);
        expect(fast(new Date(a), new Date(b)), `${cal.id} ${new Date(a).toISOString()} → ${new Date(b).toISOString()}`).toBeCloseTo(exact(new Date(a), new Date(b)), 6);
      }
    }
  });

  it('counts a Shanghai weekend as the office hours do', () => {
    const fast = indexedBusinessSeconds(OFFICE_HOURS);
    expect(fast(new Date('2026-11-27T17:00:00+08:00'), new Date('2026-11-30T09:00:00+08:00'))).toBe(1800 + 3 * 3600 + 1800);
  });
});
