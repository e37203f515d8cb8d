import { useMutation, useQueryClient } from '@tanstack/react-query';
import { confirmMessageSent, retryMessage } from '../api/endpoints';
import { queryKeys } from '../api/query-keys';
import type { Message, MessageList } from '../api/types';

/** Only replace the entry while it still shows the state acted on: the socket may be ahead of us. */
function useReplaceWhileUndecided(conversationId: string) {
  const client = useQueryClient();
  return (message: Message) =>
    client.setQueryData<MessageList>(queryKeys.messages(conversationId), (list) =>
      list
        ? {
            ...list,
            data: list.data.map((m) => (m.id === message.id && (m.delivery?.status === 'failed' || m.delivery?.status === 'unknown') ? message : m)),
          }
        : list,
    );
}

/** Sends a failed reply again, or resends one whose delivery is unknown (the agent's explicit choice). */
export function useRetryMessage(conversationId: string) {
  const replace = useReplaceWhileUndecided(conversationId);
  return useMutation({ mutationFn: (messageId: string) => retryMessage(messageId), onSuccess: replace });
}

/** The agent checked that a reply of unknown delivery did arrive: mark it sent, send nothing. */
export function useConfirmMessageSent(conversationId: string) {
  const replace = useReplaceWhileUndecided(conversationId);
  return useMutation({ mutationFn: (messageId: string) => confirmMessageSent(messageId), onSuccess: replace });
}
