import { describe, expect, it } from 'vitest';
import { exampleOpensAt, formatList, formatScore, helpfulShare, parseLineList, parseThreshold, parseWordList, previewNotice, unknownPlaceholders } from './bot-form';

describe('parseWordList', () => {
  it('splits on lines, Chinese and Latin commas, 、 and semicolons, trimming and dropping empties', () => {
    expect(parseWordList('漏水，困人、燃气\n 着火 ;停电；\n\n,  ,water leak')).toEqual(['漏水', '困人', '燃气', '着火', '停电', 'water leak']);
  });

  it('keeps a repeated word once, in its first spelling, ignoring case', () => {
    expect(parseWordList('Fee\nfee, FEE\n物业费\n物业费')).toEqual(['Fee', '物业费']);
  });

  it('reads an empty or blank box as no words', () => {
    expect(parseWordList('')).toEqual([]);
    expect(parseWordList(' \n ，、 ')).toEqual([]);
  });
});

describe('parseLineList', () => {
  it('keeps commas inside a phrasing and splits only on lines (also CRLF)', () => {
    expect(parseLineList('物业费怎么交，在哪里交？\r\nHow do I pay, and where?\n\n  ')).toEqual(['物业费怎么交，在哪里交？', 'How do I pay, and where?']);
  });
});

describe('formatList', () => {
  it('round-trips through both parsers', () => {
    const words = ['漏水', 'gas leak'];
    expect(parseWordList(formatList(words))).toEqual(words);
    const lines = ['停水了，什么时候来水？', 'When is the water back?'];
    expect(parseLineList(formatList(lines))).toEqual(lines);
  });
});

describe('the out-of-hours notice', () => {
  it('fills {opensAt} and {phone} wherever they occur for the preview', () => {
    expect(previewNotice('{opensAt} 上班；紧急 {phone} / call {phone}', { opensAt: '周一 08:30', phone: '400-1' })).toBe('周一 08:30 上班；紧急 400-1 / call 400-1');
  });

  it('gives an example opening in the server format, the next day (also across a month end)', () => {
    expect(exampleOpensAt(new Date(2026, 10, 23, 20, 15))).toBe('2026-11-24 08:30');
    expect(exampleOpensAt(new Date(2026, 11, 31, 23, 0))).toBe('2027-01-01 08:30');
  });

  it('names placeholders the server does not fill, once each', () => {
    expect(unknownPlaceholders('{opensAt} {phone}')).toEqual([]);
    expect(unknownPlaceholders('{open} {phone} {open} {number}')).toEqual(['open', 'number']);
  });
});

describe('scores and counts', () => {
  it('shows a score as a whole percentage, clamped to 0..100', () => {
    expect(formatScore(0.734)).toBe('73%');
    expect(formatScore(0.735)).toBe('74%');
    expect(formatScore(1.2)).toBe('100%');
    expect(formatScore(-0.1)).toBe('0%');
  });

  it('gives the helpful share only once someone rated', () => {
    expect(helpfulShare(0, 0)).toBeNull();
    expect(helpfulShare(3, 1)).toBe(0.75);
  });

  it('accepts a threshold from 0 to 1 and nothing else', () => {
    expect(parseThreshold('0.6')).toBe(0.6);
    expect(parseThreshold(' 1 ')).toBe(1);
    expect(parseThreshold('.5')).toBe(0.5);
    expect(parseThreshold('0')).toBe(0);
    expect(parseThreshold('1.01')).toBeNull();
    expect(parseThreshold('-0.1')).toBeNull();
    expect(parseThreshold('')).toBeNull();
    expect(parseThreshold('0.6x')).toBeNull();
  });
});
