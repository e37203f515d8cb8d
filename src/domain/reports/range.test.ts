import { describe, expect, it } from 'vitest';
import { parseReportRange } from './range.js';

describe('parseReportRange', () => {
  it('reads dates as whole local days, through the `to` day', () => {
    expect(parseReportRange('2026-11-01', '2026-11-30', 'Asia/Shanghai')).toEqual({
      from: new Date('2026-10-31T16:00:00Z'),
      to: new Date('2026-11-30T16:00:00Z'),
    });
  });

  it('takes instants with an offset as given, `to` exclusive', () => {
    expect(parseReportRange('2026-11-01T00:00:00Z', '2026-11-01T12:00:00+08:00', 'Asia/Shanghai')).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-01T04:00:00Z'),
    });
  });

  it('explains what is wrong with a bad range', () => {
    expect(parseReportRange('yesterday', '2026-11-30', 'Asia/Shanghai')).toMatch(/^from:/);
    expect(parseReportRange('2026-11-01', '2026-02-30', 'Asia/Shanghai')).toMatch(/^to:/);
    expect(parseReportRange('2026-11-01T10:00', '2026-11-30', 'Asia/Shanghai')).toMatch(/^from:/);
    expect(parseReportRange('2026-11-30', '2026-11-01', 'Asia/Shanghai')).toBe('to must be after from');
    expect(parseReportRange('2024-01-01', '2026-11-01', 'Asia/Shanghai')).toMatch(/at most/);
  });
});
