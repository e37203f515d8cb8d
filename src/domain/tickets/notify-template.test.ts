import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, renderTemplate, templateVariables } from './notify-template.js';

describe('renderTemplate', () => {
  it('fills known variables and keeps unknown ones visible', () => {
    expect(renderTemplate('工单 {number} 将于 {deadline} 前答复 {nobody}', { number: 'WO-20261123-0001', deadline: '2026-11-23 10:00' })).toBe(
      '工单 WO-20261123-0001 将于 2026-11-23 10:00 前答复 {nobody}',
    );
  });

  it('does not read inherited properties as variables', () => {
    expect(renderTemplate('{constructor}', {})).toBe('{constructor}');
  });

  it('lists the variables a template uses, once each', () => {
    expect(templateVariables('{a} {b} {a}')).toEqual(['a', 'b']);
  });
});

describe('formatLocalDateTime', () => {
  it('writes the wall clock of the zone', () => {
    expect(formatLocalDateTime(new Date('2026-11-22T16:05:00Z'), 'Asia/Shanghai')).toBe('2026-11-23 00:05');
  });
});
