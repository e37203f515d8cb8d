import { useMemo } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchConversations } from '../api/endpoints';
import { queryKeys, type ListFilter } from '../api/query-keys';
import { flattenPages } from '../cache/conversation-list';

/** The filtered conversation list, most recent activity first, loaded page by page. */
export function useConversations(filter: ListFilter) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.conversationList(filter),
    queryFn: ({ pageParam, signal }) => fetchConversations(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = useMemo(() => flattenPages(query.data), [query.data]);
  return { ...query, items };
}
