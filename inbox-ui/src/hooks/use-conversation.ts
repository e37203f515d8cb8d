import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Conversation } from '../api/types';
import { fetchConversation } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import { findConversation, type PagedConversations } from '../cache/conversation-list';

/** One conversation; shown at once from any list that already holds it, then fetched. */
export function useConversation(id: string) {
  const client = useQueryClient();
  return useQuery<Conversation>({
    queryKey: queryKeys.conversation(id),
    queryFn: ({ signal }) => fetchConversation(id, signal),
    placeholderData: (): Conversation | undefined => {
      for (const [, data] of client.getQueriesData<PagedConversations>({ queryKey: queryKeys.conversationLists })) {
        const found = findConversation(data, id);
        if (found) return found;
      }
      return undefined;
    },
  });
}
