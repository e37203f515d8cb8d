import { describe, expect, it } from 'vitest';
import { OFFICE_HOURS } from '../tickets/calendar.js';
import { needsOffHoursNotice } from './off-hours.js';

describe('needsOffHoursNotice', () => {
  // OFFICE_HOURS is Asia/Shanghai; 2026-12-02 is a Wednesday.
  const evening = new Date('2026-12-02T13:00:00Z'); // 21:00 local
  const later = new Date('2026-12-02T16:00:00Z'); // 00:00 local, same closed stretch
  const nextEvening = new Date('2026-12-03T13:00:00Z');
  const morning = new Date('2026-12-03T02:00:00Z'); // 10:00 local

  it('gives one notice per closed stretch, with the next opening', () => {
    const first = needsOffHoursNotice(evening, null, OFFICE_HOURS);
    expect(first?.opensAt.getTime()).toBeGreaterThan(evening.getTime());
    expect(needsOffHoursNotice(later, evening, OFFICE_HOURS)).toBeNull();
    expect(needsOffHoursNotice(nextEvening, evening, OFFICE_HOURS)).not.toBeNull();
  });

  it('gives none while the center is open', () => {
    expect(needsOffHoursNotice(morning, null, OFFICE_HOURS)).toBeNull();
  });
});
