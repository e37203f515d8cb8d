import { useQuery } from '@tanstack/react-query';
import { fetchMessages } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';

export function useMessages(conversationId: string) {
  return useQuery({
    queryKey: queryKeys.messages(conversationId),
    queryFn: ({ signal }) => fetchMessages(conversationId, signal),
  });
}
