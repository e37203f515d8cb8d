import { describe, expect, it } from 'vitest';
import * as tickets from './index.js';

describe('public API', () => {
  it('re-exports the entry points other layers use', () => {
    for (const name of [
      'addBusinessMinutes',
      'businessMinutesBetween',
      'pickPolicy',
      'computeDue',
      'dueWithPauses',
      'slaState',
      'nextEscalation',
      'allowedNext',
      'transition',
      'isClockPaused',
      'formatTicketNumber',
      'parseTicketNumber',
      'followUpDueAt',
      'surveyOutcome',
      'noFeedbackCloseAt',
    ] as const) {
      expect(typeof tickets[name]).toBe('function');
    }
    expect(tickets.SEED_CALENDARS.map((c) => c.id)).toEqual(['always-open', 'office-hours']);
    expect(tickets.ESCALATION_LADDER).toHaveLength(4);
    expect(tickets.businessCalendarSchema.safeParse(tickets.OFFICE_HOURS).success).toBe(true);
  });

  it('ties the pieces together for one ticket', () => {
    const createdAt = new Date('2026-11-20T16:00:00+08:00');
    const policy = tickets.pickPolicy(
      [
        {
          id: 'p',
          name: 'Complaints',
          category: 'complaint',
          priority: 'high',
          calendarId: tickets.OFFICE_HOURS.id,
          firstResponseMinutes: 60,
          resolutionMinutes: 240,
          warnAtPercent: 80,
          version: 1,
          createdAt: new Date('2026-01-01T00:00:00Z'),
        },
      ],
      'complaint',
      'high',
      createdAt,
    );
    expect(policy).not.toBeNull();
    if (!policy) return;
    const dueAt = tickets.computeDue(createdAt, policy, tickets.OFFICE_HOURS);
    expect(dueAt.firstResponse.toISOString()).toBe('2026-11-20T09:00:00.000Z'); // Fri 17:00 Shanghai
    const now = new Date('2026-11-21T09:10:00+08:00');
    const s = tickets.slaState(now, { createdAt, dueAt, pauses: [] }, tickets.OFFICE_HOURS, policy.warnAtPercent);
    expect(s.firstResponse.state).toBe('breached');
    expect(tickets.nextEscalation(0, s, [])).toMatchObject({ level: 1, reason: 'breached', target: 'first_response' });
    expect(tickets.formatTicketNumber(createdAt, 7)).toBe('WO-20261120-0007');
  });
});
