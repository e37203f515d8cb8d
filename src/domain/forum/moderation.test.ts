import { describe, expect, it } from 'vitest';
import { decisionAllowed, matchWordList, needsPremoderation, parseWordList, postStatusAfter, stateAfter } from './moderation.js';

describe('forum moderation rules', () => {
  it('pre-moderates until the threshold of approved posts is reached', () => {
    expect(needsPremoderation(0, 1)).toBe(true);
    expect(needsPremoderation(1, 1)).toBe(false);
    expect(needsPremoderation(2, 3)).toBe(true);
    expect(needsPremoderation(0, 0)).toBe(false);
  });

  it('matches list words inside Chinese text, ignoring case and full-width forms', () => {
    expect(matchWordList('这里卖发票，联系我', ['发票', '代办'])).toEqual(['发票']);
    expect(matchWordList('ＶＩＰ代理 vip', ['VIP'])).toEqual(['VIP']);
    expect(matchWordList('一切正常', ['发票'])).toEqual([]);
  });

  it('parses a word list from lines and commas', () => {
    expect(parseWordList('发票\n代办， 广告,,发票\n ')).toEqual(['发票', '代办', '广告']);
  });

  it('decides only pending items', () => {
    expect(stateAfter('pending', 'approve')).toBe('approved');
    expect(stateAfter('pending', 'reject')).toBe('rejected');
    expect(stateAfter('pending', 'ignore')).toBe('ignored');
    expect(stateAfter('approved', 'reject')).toBeNull();
  });

  it('publishes a held post on approval and hides a post on rejection', () => {
    expect(postStatusAfter('first_post', 'approve', 'pending')).toBe('visible');
    expect(postStatusAfter('word', 'reject', 'pending')).toBe('hidden');
    expect(postStatusAfter('flag', 'reject', 'visible')).toBe('hidden');
    expect(postStatusAfter('flag', 'ignore', 'visible')).toBe('visible');
  });

  it('lets only flags be ignored; a held post needs a yes or a no', () => {
    expect(decisionAllowed('flag', 'ignore')).toBe(true);
    expect(decisionAllowed('first_post', 'ignore')).toBe(false);
    expect(decisionAllowed('word', 'ignore')).toBe(false);
    expect(decisionAllowed('word', 'approve')).toBe(true);
  });
});
