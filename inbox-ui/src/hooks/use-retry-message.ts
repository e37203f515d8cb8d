import { useMutation, useQueryClient } from '@tanstack/react-query';
import { retryMessage } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { MessageList } from '../api/types';

export function useRetryMessage(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => retryMessage(messageId),
    // Only replace the entry while it still shows the failure: the socket may be ahead of us.
    onSuccess: (message) =>
      client.setQueryData<MessageList>(queryKeys.messages(conversationId), (list) =>
        list
          ? { ...list, data: list.data.map((m) => (m.id === message.id && m.delivery?.status === 'failed' ? message : m)) }
          : list,
      ),
  });
}
