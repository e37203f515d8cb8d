import { describe, expect, it } from 'vitest';
import { chooseAnswer, indexAnswers, matchAnswer, rankAnswers, type MatchableAnswer } from './answer-match.js';
import { containsKeyword, normalizeText, tokensOf } from './match-text.js';

const fee: MatchableAnswer = {
  id: 'fee',
  locale: 'zh-CN',
  question: '物业费怎么缴纳？',
  keywords: ['物业费', '缴费'],
  phrasings: ['物业费怎么交', '在哪里交物业费', '物业费可以微信支付吗'],
};
const water: MatchableAnswer = { id: 'water', locale: 'zh-CN', question: '停水了，什么时候来水？', keywords: ['停水', '没水'], phrasings: ['今天为什么停水', '什么时候恢复供水'] };
const parcelEn: MatchableAnswer = {
  id: 'parcel-en',
  locale: 'en',
  question: 'Where are my parcels delivered?',
  keywords: ['parcel', 'package', 'locker'],
  phrasings: ['where is my package', 'where are the parcel lockers'],
};
const feeEn: MatchableAnswer = { id: 'fee-en', locale: 'en', question: 'How do I pay the property fee?', keywords: ['property fee'], phrasings: ['pay the property fee online'] };
const all = [fee, water, parcelEn, feeEn];

describe('normalizeText and tokensOf', () => {
  it('folds full-width characters, case and punctuation', () => {
    expect(normalizeText('ＷｉＦｉ密码？！ Parcel’s')).toBe('wifi密码 parcel');
    expect(normalizeText('物业费，怎么交。。。')).toBe('物业费 怎么交');
  });

  it('cuts Chinese into bigrams and English into stems without stop words', () => {
    expect([...tokensOf('停水了')]).toEqual(['停水', '水了']);
    expect([...tokensOf('Where are the PARCELS?')]).toEqual(['parcel']);
    expect([...tokensOf('猫')]).toEqual(['猫']);
    expect([...tokensOf('3栋wifi')]).toEqual(['栋', 'wifi']);
  });

  it('finds Chinese keywords anywhere and English ones as whole words', () => {
    expect(containsKeyword(normalizeText('请问物业费在哪交'), '物业费')).toBe(true);
    expect(containsKeyword(normalizeText('my parcels are missing'), 'parcel')).toBe(true);
    expect(containsKeyword(normalizeText('a cardboard box'), 'card')).toBe(false);
    expect(containsKeyword(normalizeText('anything'), ' ！ ')).toBe(false);
  });
});

describe('rankAnswers', () => {
  const index = indexAnswers(all);

  it('puts the answer whose phrasing the message repeats first, with a score in [0, 1]', () => {
    const ranked = rankAnswers('请问物业费在哪里交？', index);
    expect(ranked[0]!.answer.id).toBe('fee');
    for (const r of ranked) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });

  it('scores full-width and half-width spellings of one question alike', () => {
    const half = rankAnswers('where is my package?', index)[0]!;
    const full = rankAnswers('ＷＨＥＲＥ ｉｓ ｍｙ ｐａｃｋａｇｅ？', index)[0]!;
    expect(full).toEqual(half);
    expect(half.answer.id).toBe('parcel-en');
  });

  it('gives a message that only shares a keyword among other matters a lower score than a plain question', () => {
    const plain = rankAnswers('物业费怎么交', index)[0]!;
    const other = rankAnswers('物业费为什么比去年涨了这么多，账单是不是算错了', index).find((r) => r.answer.id === 'fee')!;
    expect(other.score).toBeLessThan(plain.score);
  });

  it('scores an empty or unrelated message 0 for every answer', () => {
    expect(rankAnswers('！！！', index).every((r) => r.score === 0)).toBe(true);
    expect(rankAnswers('xyzzy', index).every((r) => r.score === 0)).toBe(true);
  });
});

describe('chooseAnswer', () => {
  it('never answers below the threshold', () => {
    const ranked = rankAnswers('今天为什么停水', indexAnswers(all));
    const top = ranked[0]!;
    expect(chooseAnswer(ranked, 'zh-CN', top.score)?.answer.id).toBe('water');
    expect(chooseAnswer(ranked, 'zh-CN', top.score + 0.0001)).toBeNull();
  });

  it('prefers the owner’s language and falls back to the other only when nothing in it fits', () => {
    const feeEnToo: MatchableAnswer = { ...fee, id: 'fee-en-copy', locale: 'en' };
    expect(matchAnswer('物业费怎么交', [feeEnToo, fee], 'zh-CN', 0.3)?.answer.id).toBe('fee');
    expect(matchAnswer('物业费怎么交', [feeEnToo, fee], 'en', 0.3)?.answer.id).toBe('fee-en-copy');
    // An owner set to Chinese who writes English gets the English answer rather than none.
    expect(matchAnswer('where is my package', all, 'zh-CN', 0.3)?.answer.id).toBe('parcel-en');
  });

  it('answers nothing when there are no answers', () => {
    expect(matchAnswer('物业费怎么交', [], 'zh-CN', 0)).toBeNull();
  });
});

describe('words that need a person', () => {
  it('lower the score of a message that asks why or reports a loss, unless the answer uses the word itself', () => {
    const index = indexAnswers(all);
    const how = rankAnswers('物业费怎么交', index)[0]!;
    const why = rankAnswers('物业费为什么要交', index).find((r) => r.answer.id === 'fee')!;
    expect(why.score).toBeLessThan(how.score / 1.5);
    // "今天为什么停水" is one of the water answer's own phrasings: asking why is what it answers.
    const water = rankAnswers('今天为什么停水了', index)[0]!;
    expect(water.answer.id).toBe('water');
    expect(water.score).toBeGreaterThan(0.5);
    const stolen = rankAnswers('my package was stolen', index).find((r) => r.answer.id === 'parcel-en')!;
    expect(stolen.score).toBeLessThan(rankAnswers('where is my package', index)[0]!.score / 1.5);
  });
});
