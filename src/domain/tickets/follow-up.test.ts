import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, OFFICE_HOURS, type BusinessCalendar } from './calendar.js';
import { followUpDueAt, noFeedbackCloseAt, surveyOutcome } from './follow-up.js';

const sh = (local: string): Date => new Date(`${local}+08:00`);
const iso = (d: Date): string => d.toISOString();

describe('followUpDueAt', () => {
  it('is the next working day\'s first opening', () => {
    expect(iso(followUpDueAt(sh('2026-11-23T10:00'), OFFICE_HOURS))).toBe(iso(sh('2026-11-24T08:30')));
  });

  it('a Friday resolution is visited on Saturday morning with office hours', () => {
    expect(iso(followUpDueAt(sh('2026-11-20T17:20'), OFFICE_HOURS))).toBe(iso(sh('2026-11-21T09:00')));
  });

  it('skips Sunday and a Monday holiday', () => {
    const cal: BusinessCalendar = { ...OFFICE_HOURS, holidays: ['2026-11-23'] };
    expect(iso(followUpDueAt(sh('2026-11-21T11:00'), cal))).toBe(iso(sh('2026-11-24T08:30')));
  });

  it('a resolution after midnight still waits for the next day', () => {
    expect(iso(followUpDueAt(sh('2026-11-24T00:30'), OFFICE_HOURS))).toBe(iso(sh('2026-11-25T08:30')));
  });

  it('crosses the year end with New Year closed', () => {
    const cal: BusinessCalendar = { ...OFFICE_HOURS, holidays: ['2027-01-01'] };
    expect(iso(followUpDueAt(sh('2026-12-31T16:00'), cal))).toBe(iso(sh('2027-01-02T09:00')));
  });

  it('is the next local midnight on an always-open calendar', () => {
    expect(iso(followUpDueAt(sh('2026-11-23T15:00'), ALWAYS_OPEN))).toBe(iso(sh('2026-11-24T00:00')));
  });
});

describe('surveyOutcome', () => {
  it.each([
    [1, true, 'reopen'],
    [2, true, 'reopen'],
    [3, true, 'satisfied'],
    [4, true, 'satisfied'],
    [5, true, 'satisfied'],
    [5, false, 'reopen'],
    [3, false, 'reopen'],
  ] as const)('score %i, solved %s → %s', (score, solved, outcome) => {
    expect(surveyOutcome(score, solved)).toBe(outcome);
  });

  it.each([0, 6, 2.5, Number.NaN])('rejects score %s', (score) => {
    expect(() => surveyOutcome(score, true)).toThrow(RangeError);
  });
});

describe('noFeedbackCloseAt', () => {
  it('adds whole days of elapsed time', () => {
    expect(iso(noFeedbackCloseAt(sh('2026-11-23T10:00'), 3))).toBe(iso(sh('2026-11-26T10:00')));
    expect(iso(noFeedbackCloseAt(sh('2026-12-30T10:00'), 7))).toBe(iso(sh('2027-01-06T10:00')));
    expect(iso(noFeedbackCloseAt(sh('2026-11-23T10:00'), 0))).toBe(iso(sh('2026-11-23T10:00')));
  });

  it('rejects negative days and invalid dates', () => {
    expect(() => noFeedbackCloseAt(sh('2026-11-23T10:00'), -1)).toThrow(RangeError);
    expect(() => noFeedbackCloseAt(new Date('x'), 1)).toThrow(RangeError);
  });
});
