import { describe, expect, it } from 'vitest';
import { likePattern, normalizeQuery, snippetOf, strategyFor } from './search-query.js';

describe('search query', () => {
  it('picks trigram, bigram or scan by length in characters, not bytes', () => {
    expect(strategyFor('车库灯')).toBe('trigram');
    expect(strategyFor('漏水')).toBe('bigram');
    expect(strategyFor('陈')).toBe('scan');
    expect(strategyFor('B2')).toBe('bigram');
  });

  it('escapes LIKE wildcards and folds whitespace', () => {
    expect(likePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
    expect(normalizeQuery('  地下   车库 ')).toBe('地下 车库');
  });

  it('marks every hit around the first one', () => {
    const s = snippetOf('业主反映：厨房漏水，楼下也漏水了。', '漏水');
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['漏水', '漏水']);
    const long = snippetOf('x'.repeat(300) + 'Leak here', 'leak', 10);
    expect(long.text.startsWith('…')).toBe(true);
    expect(long.text.slice(long.highlights[0]![0], long.highlights[0]![1])).toBe('Leak');
  });
});
