import { describe, expect, it } from 'vitest';
import type { Conversation } from '../api/types';
import { flattenPages, matchesFilter, patchConversation, upsertConversation, type PagedConversations } from './conversation-list';

function conv(id: string, minute: number, extra: Partial<Conversation> = {}): Conversation {
  return {
    id,
    status: 'open',
    channel: 'telegram',
    subject: null,
    contact: { id: `contact-${id}`, name: `Owner ${id}` },
    assignee: null,
    lastMessageAt: new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString(),
    unreadCount: 0,
    lastMessage: { content: 'hi', direction: 'in' },
    ...extra,
  };
}

function paged(...pages: Array<{ items: Conversation[]; nextCursor: string | null }>): PagedConversations {
  return {
    pages: pages.map((p) => ({ data: p.items, nextCursor: p.nextCursor })),
    pageParams: pages.map((_, i) => (i === 0 ? null : `c${i}`)),
  };
}

const ids = (data: PagedConversations | undefined) => flattenPages(data).map((c) => c.id);
const openAll = { status: 'open', assignee: 'all' } as const;

describe('upsertConversation', () => {
  it('puts a new conversation with the latest activity at the top', () => {
    const data = paged({ items: [conv('b', 5), conv('a', 3)], nextCursor: null });
    expect(ids(upsertConversation(data, conv('c', 9), openAll, null))).toEqual(['c', 'b', 'a']);
  });

  it('moves an updated conversation to its new place instead of duplicating it', () => {
    const data = paged({ items: [conv('c', 9), conv('b', 5), conv('a', 3)], nextCursor: null });
    expect(ids(upsertConversation(data, conv('a', 10), openAll, null))).toEqual(['a', 'c', 'b']);
  });

  it('removes a conversation that no longer matches the status filter', () => {
    const data = paged({ items: [conv('b', 5), conv('a', 3)], nextCursor: null });
    const resolved = conv('b', 5, { status: 'resolved' });
    expect(ids(upsertConversation(data, resolved, openAll, null))).toEqual(['a']);
  });

  it('respects the assignee filter', () => {
    const data = paged({ items: [conv('a', 3)], nextCursor: null });
    const mine = { status: 'all', assignee: 'me' } as const;
    const toMe = conv('b', 6, { assignee: { id: 'u1', name: 'Li' } });
    const toOther = conv('c', 7, { assignee: { id: 'u2', name: 'Wang' } });
    let next = upsertConversation(data, toMe, mine, 'u1');
    next = upsertConversation(next, toOther, mine, 'u1');
    expect(ids(next)).toEqual(['b', 'a']);
    expect(matchesFilter(toOther, { status: 'all', assignee: 'unassigned' }, 'u1')).toBe(false);
  });

  it('leaves an old conversation for "load more" when more pages remain', () => {
    const data = paged({ items: [conv('c', 9), conv('b', 5)], nextCursor: 'next' });
    expect(ids(upsertConversation(data, conv('old', 1), openAll, null))).toEqual(['c', 'b']);
  });

  it('appends an old conversation to the last page when everything is loaded', () => {
    const data = paged({ items: [conv('c', 9)], nextCursor: 'x' }, { items: [conv('b', 5)], nextCursor: null });
    const next = upsertConversation(data, conv('old', 1), openAll, null);
    expect(next?.pages[1]?.data.map((c) => c.id)).toEqual(['b', 'old']);
  });

  it('inserts into an empty list', () => {
    const data = paged({ items: [], nextCursor: null });
    expect(ids(upsertConversation(data, conv('a', 1), openAll, null))).toEqual(['a']);
  });

  it('breaks ties on equal activity time by id, descending', () => {
    const data = paged({ items: [conv('c', 5), conv('a', 5)], nextCursor: null });
    expect(ids(upsertConversation(data, conv('b', 5), openAll, null))).toEqual(['c', 'b', 'a']);
  });

  it('leaves an uncached list alone', () => {
    expect(upsertConversation(undefined, conv('a', 1), openAll, null)).toBeUndefined();
  });
});

describe('patchConversation', () => {
  it('changes fields without reordering and keeps the reference when absent', () => {
    const data = paged({ items: [conv('b', 5, { unreadCount: 3 }), conv('a', 3)], nextCursor: null });
    const next = patchConversation(data, 'b', { unreadCount: 0 });
    expect(flattenPages(next).map((c) => [c.id, c.unreadCount])).toEqual([
      ['b', 0],
      ['a', 0],
    ]);
    expect(patchConversation(data, 'zzz', { unreadCount: 0 })).toBe(data);
  });
});
