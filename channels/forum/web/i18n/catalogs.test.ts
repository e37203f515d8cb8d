import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { pickForumLocale, translator } from './index.js';
import { zhCN } from './zh-CN.js';

describe('forum catalogs', () => {
  it('use the same placeholders in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect(vars(en[key]), key).toEqual(vars(zhCN[key]));
  });
  it('pick the language from the cookie, then the browser, Chinese by default', () => {
    expect(pickForumLocale('en', 'zh-CN')).toBe('en');
    expect(pickForumLocale(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(pickForumLocale(undefined, undefined)).toBe('zh-CN');
    expect(translator('zh-CN')('boards.topics', { n: 3 })).toBe('3 个主题');
  });
});
