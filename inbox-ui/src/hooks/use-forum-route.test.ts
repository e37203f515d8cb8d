import { describe, expect, it } from 'vitest';
import { forumHash, parseForumHash } from './use-forum-route';

describe('forum route', () => {
  it('round-trips every screen through the hash', () => {
    for (const r of [{ view: 'queue', itemId: null }, { view: 'queue', itemId: 'abc' }, { view: 'units' }, { view: 'settings' }] as const) {
      expect(parseForumHash(forumHash(r))).toEqual(r);
    }
    expect(parseForumHash('#/t')).toBeNull();
    expect(parseForumHash('#/c/123')).toBeNull();
  });
});
