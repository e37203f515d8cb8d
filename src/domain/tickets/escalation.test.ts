import { describe, expect, it } from 'vitest';
import { computeDue, slaState, type SlaLevel, type SlaPolicy } from './sla.js';
import { OFFICE_HOURS } from './calendar.js';
import {
  clampLevel,
  ESCALATION_LADDER,
  escalationRole,
  nextEscalation,
  type RecordedEscalation,
  type SlaStatesView,
} from './escalation.js';

const states = (firstResponse: SlaLevel, resolution: SlaLevel): SlaStatesView => ({
  firstResponse: { state: firstResponse },
  resolution: { state: resolution },
});

describe('ESCALATION_LADDER', () => {
  it('runs assignee → team lead → supervisor → manager', () => {
    expect(ESCALATION_LADDER).toEqual(['assignee', 'team_lead', 'supervisor', 'manager']);
    expect(escalationRole(0)).toBe('assignee');
    expect(escalationRole(3)).toBe('manager');
    expect(escalationRole(9)).toBe('manager');
  });

  it('clamps odd levels into 0..3', () => {
    expect(clampLevel(-1)).toBe(0);
    expect(clampLevel(Number.NaN)).toBe(0);
    expect(clampLevel(1.7)).toBe(1);
    expect(clampLevel(7)).toBe(3);
  });
});

describe('nextEscalation', () => {
  it('does nothing while both targets are ok', () => {
    expect(nextEscalation(0, states('ok', 'ok'), [])).toBeNull();
  });

  it('climbs one level on a new at-risk event', () => {
    expect(nextEscalation(0, states('at_risk', 'ok'), [])).toEqual({
      level: 1,
      reason: 'at_risk',
      target: 'first_response',
      role: 'team_lead',
      climbed: true,
    });
  });

  it('never fires twice for the same target and state', () => {
    const recorded: RecordedEscalation[] = [{ target: 'first_response', state: 'at_risk' }];
    expect(nextEscalation(1, states('at_risk', 'ok'), recorded)).toBeNull();
  });

  it('climbs again when the risk turns into a breach', () => {
    const recorded: RecordedEscalation[] = [{ target: 'first_response', state: 'at_risk' }];
    expect(nextEscalation(1, states('breached', 'ok'), recorded)).toMatchObject({ level: 2, reason: 'breached', role: 'supervisor' });
  });

  it('raises only the breach when a target skipped "at risk"', () => {
    const first = nextEscalation(0, states('breached', 'ok'), []);
    expect(first).toMatchObject({ level: 1, reason: 'breached', target: 'first_response' });
    expect(nextEscalation(1, states('breached', 'ok'), [{ target: 'first_response', state: 'breached' }])).toBeNull();
  });

  it('keeps targets apart: the same state of the other target is new news', () => {
    const recorded: RecordedEscalation[] = [{ target: 'first_response', state: 'at_risk' }];
    expect(nextEscalation(1, states('at_risk', 'at_risk'), recorded)).toMatchObject({ level: 2, target: 'resolution', reason: 'at_risk' });
  });

  it('reports breaches before risks, first response before resolution', () => {
    expect(nextEscalation(0, states('at_risk', 'breached'), [])).toMatchObject({ target: 'resolution', reason: 'breached' });
    expect(nextEscalation(0, states('breached', 'breached'), [])).toMatchObject({ target: 'first_response', reason: 'breached' });
  });

  it('stops at the manager but still reports the event to record', () => {
    expect(nextEscalation(3, states('ok', 'breached'), [])).toEqual({
      level: 3,
      reason: 'breached',
      target: 'resolution',
      role: 'manager',
      climbed: false,
    });
  });

  it('walks a whole ticket life: four events, three climbs, never past the top', () => {
    const recorded: RecordedEscalation[] = [];
    let level = 0;
    const levels: number[] = [];
    const tick = (fr: SlaLevel, res: SlaLevel): void => {
      // A job may see several new events at once; it records them one by one.
      for (let e = nextEscalation(level, states(fr, res), recorded); e; e = nextEscalation(level, states(fr, res), recorded)) {
        recorded.push({ target: e.target, state: e.reason });
        level = e.level;
        levels.push(level);
      }
    };
    tick('ok', 'ok');
    tick('at_risk', 'ok');
    tick('at_risk', 'ok');
    tick('breached', 'ok');
    tick('breached', 'at_risk');
    tick('breached', 'breached');
    tick('breached', 'breached');
    expect(levels).toEqual([1, 2, 3, 3]);
    expect(recorded).toHaveLength(4);
  });

  it('accepts slaState() output directly', () => {
    const policy: SlaPolicy = {
      id: 'p',
      name: 'p',
      category: 'complaint',
      priority: 'high',
      calendarId: OFFICE_HOURS.id,
      firstResponseMinutes: 30,
      resolutionMinutes: 240,
      warnAtPercent: 80,
      version: 1,
      createdAt: new Date(0),
    };
    const createdAt = new Date('2026-11-23T09:00:00+08:00');
    const s = slaState(new Date('2026-11-23T09:45:00+08:00'), { createdAt, dueAt: computeDue(createdAt, policy, OFFICE_HOURS), pauses: [] }, OFFICE_HOURS, 80);
    expect(nextEscalation(0, s, [])).toMatchObject({ level: 1, reason: 'breached', target: 'first_response' });
  });
});
