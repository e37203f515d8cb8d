import { describe, expect, it } from 'vitest';
import { checkTone, DEFAULT_TONE_RULES, isValidTonePattern } from './tone-check.js';

describe('checkTone', () => {
  it('flags forbidden Chinese phrasing with its position and a suggestion', () => {
    const text = '您好，这不归我们管，你自己去查吧';
    const f = checkTone(text, DEFAULT_TONE_RULES);
    expect(f.map((x) => [x.match, x.category])).toEqual([
      ['这不归我们管', 'refuse_responsibility'],
      ['你自己去查', 'curt'],
    ]);
    expect(text.slice(f[0]!.start, f[0]!.end)).toBe('这不归我们管');
    expect(f[0]!.suggestion).toBeTruthy();
  });

  it('flags English phrasing case-insensitively and passes polite replies', () => {
    expect(checkTone("Sorry, that's NOT OUR PROBLEM.", DEFAULT_TONE_RULES).map((x) => x.category)).toEqual(['refuse_responsibility']);
    expect(checkTone('您好，请稍等，我马上为您查询。', DEFAULT_TONE_RULES)).toEqual([]);
    expect(checkTone('Thank you for your suggestion, we will improve.', DEFAULT_TONE_RULES)).toEqual([]);
  });

  it('skips a broken pattern instead of failing', () => {
    const rules = [{ pattern: '(unclosed', regex: true, category: 'curt' as const }, { pattern: '没空', category: 'curt' as const }];
    expect(isValidTonePattern(rules[0]!)).toBe(false);
    expect(checkTone('现在没空', rules)).toHaveLength(1);
  });
});
