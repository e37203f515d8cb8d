/**
 * Pure updates of a cached, filtered, paginated conversation list (TanStack Query's
 * InfiniteData shape). No I/O: the realtime layer and mutations feed these functions.
 */
import type { Conversation, ConversationPage } from '../api/types';
import type { ListFilter } from '../api/query-keys';

export interface PagedConversations {
  pages: ConversationPage[];
  pageParams: unknown[];
}

export function matchesFilter(conversation: Conversation, filter: ListFilter, meId: string | null): boolean {
  if (filter.status !== 'all' && conversation.status !== filter.status) return false;
  if (filter.channel && conversation.channel !== filter.channel) return false;
  if (filter.inboxId && conversation.inboxId !== filter.inboxId) return false;
  if (filter.labelId && !(conversation.labelIds ?? []).includes(filter.labelId)) return false;
  if (filter.priority && conversation.priority !== filter.priority) return false;
  if (filter.snoozed !== undefined && Boolean(conversation.snoozedUntil) !== filter.snoozed) return false;
  if (filter.assignee === 'unassigned') return conversation.assignee === null;
  if (filter.assignee === 'me') return conversation.assignee !== null && conversation.assignee.id === meId;
  return true;
}

/** Most recent activity first; ties broken by id, descending, as the server orders them. */
export function compareByActivity(a: Conversation, b: Conversation): number {
  const byTime = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

function withoutConversation(data: PagedConversations, id: string): { data: PagedConversations; removed: boolean } {
  let removed = false;
  const pages = data.pages.map((page) => {
    if (!page.data.some((item) => item.id === id)) return page;
    removed = true;
    return { ...page, data: page.data.filter((item) => item.id !== id) };
  });
  return { data: removed ? { ...data, pages } : data, removed };
}

/**
 * Puts a created or changed conversation where the list would have it: removed when it no
 * longer matches the filter, otherwise placed by activity. A conversation that sorts after
 * everything loaded while more pages remain is left for "load more" to bring.
 */
export function upsertConversation(
  data: PagedConversations | undefined,
  conversation: Conversation,
  filter: ListFilter,
  meId: string | null,
): PagedConversations | undefined {
  if (!data) return data;
  const { data: rest } = withoutConversation(data, conversation.id);
  if (!matchesFilter(conversation, filter, meId)) return rest;
  if (rest.pages.length === 0) return rest;

  const pages = [...rest.pages];
  for (let p = 0; p < pages.length; p += 1) {
    const page = pages[p]!;
    const index = page.data.findIndex((item) => compareByActivity(conversation, item) < 0);
    if (index >= 0) {
      const items = [...page.data];
      items.splice(index, 0, conversation);
      pages[p] = { ...page, data: items };
      return { ...rest, pages };
    }
  }
  const lastIndex = pages.length - 1;
  const last = pages[lastIndex]!;
  if (last.nextCursor !== null) return rest;
  pages[lastIndex] = { ...last, data: [...last.data, conversation] };
  return { ...rest, pages };
}

/** Changes fields of a listed conversation in place (no reordering), e.g. unreadCount after reading. */
export function patchConversation(
  data: PagedConversations | undefined,
  id: string,
  patch: Partial<Conversation>,
): PagedConversations | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    if (!page.data.some((item) => item.id === id)) return page;
    changed = true;
    return { ...page, data: page.data.map((item) => (item.id === id ? { ...item, ...patch } : item)) };
  });
  return changed ? { ...data, pages } : data;
}

/** The loaded pages as one list; an item that moved between pages is shown once. */
export function flattenPages(data: PagedConversations | undefined): Conversation[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: Conversation[] = [];
  for (const page of data.pages) {
    for (const item of page.data) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
    }
  }
  return out;
}

export function findConversation(data: PagedConversations | undefined, id: string): Conversation | undefined {
  if (!data) return undefined;
  for (const page of data.pages) {
    const found = page.data.find((item) => item.id === id);
    if (found) return found;
  }
  return undefined;
}
