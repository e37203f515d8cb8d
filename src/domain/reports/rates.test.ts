import { describe, expect, it } from 'vitest';
import { csat, slaAttainment, tallySla } from './rates.js';

const d = (h: number) => new Date(Date.UTC(2026, 10, 23, h));

describe('SLA attainment', () => {
  it('is met ÷ due, with an open breach a miss and a target not yet due left out', () => {
    const t = tallySla(
      [
        // First response met, resolution late.
        { firstResponseDueAt: d(2), firstRespondedAt: d(1), resolutionDueAt: d(4), resolvedAt: d(5) },
        // First response open and past due (a miss); resolution not yet due (not counted).
        { firstResponseDueAt: d(3), firstRespondedAt: null, resolutionDueAt: d(10), resolvedAt: null },
        // Resolved early, before its deadline came: due and met.
        { firstResponseDueAt: null, firstRespondedAt: null, resolutionDueAt: d(10), resolvedAt: d(4) },
      ],
      d(6),
    );
    expect(t).toEqual({ met: 2, due: 4 });
    expect(slaAttainment(t)).toBe(0.5);
    expect(slaAttainment({ met: 0, due: 0 })).toBeNull();
  });
});

describe('CSAT', () => {
  it('is ratings 4–5 ÷ responses, with responses ÷ surveys asked beside it', () => {
    expect(csat([{ asked: true, score: 5 }, { asked: true, score: 4 }, { asked: true, score: 2 }, { asked: true, score: null }])).toEqual({
      score: 2 / 3,
      responses: 3,
      responseRate: 3 / 4,
    });
    expect(csat([{ asked: true, score: null }])).toEqual({ score: null, responses: 0, responseRate: 0 });
    expect(csat([])).toEqual({ score: null, responses: 0, responseRate: null });
  });
});
