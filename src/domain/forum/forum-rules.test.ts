import { describe, expect, it } from 'vitest';
import { pageCount, paging } from './paging.js';
import { parseForumThreadKey, privateThreadKey, topicThreadKey } from './thread-keys.js';
import { normalizeUnit, unitKey } from './units.js';

const ID = '0b6b8a4e-9c1e-4f7e-8d2a-1f2e3d4c5b6a';

describe('forum thread keys', () => {
  it('round-trips topic and private keys and rejects anything else', () => {
    expect(parseForumThreadKey(topicThreadKey(ID))).toEqual({ kind: 'topic', topicId: ID });
    expect(parseForumThreadKey(privateThreadKey(ID))).toEqual({ kind: 'private', accountId: ID });
    expect(parseForumThreadKey('topic:not-a-uuid')).toBeNull();
    expect(parseForumThreadKey('12345')).toBeNull();
  });
});

describe('units', () => {
  it('folds full-width forms and spacing', () => {
    expect(normalizeUnit(' ３栋  １２０１室 ')).toBe('3栋 1201室');
  });
  it('compares units loosely', () => {
    expect(unitKey('3栋1201室')).toBe(unitKey('3-1201'));
    expect(unitKey('12号楼 2单元 301')).toBe('12-2-301');
  });
});

describe('paging', () => {
  it('clamps bad page numbers to the first page', () => {
    expect(paging('3', 20)).toEqual({ page: 3, pageSize: 20, offset: 40 });
    expect(paging('-1', 20).page).toBe(1);
    expect(paging('abc', 20).page).toBe(1);
    expect(paging(undefined, 20).page).toBe(1);
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});
