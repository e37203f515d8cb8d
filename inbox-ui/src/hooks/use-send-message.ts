import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postMessage } from '../api/endpoints';
import { applyMessage } from '../cache/apply-to-cache';

export function useSendMessage(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ content, isPrivate }: { content: string; isPrivate: boolean }) =>
      postMessage(conversationId, content, isPrivate),
    // The socket may already have brought this message in a later state (sent, failed).
    onSuccess: (message) => applyMessage(client, conversationId, message, { keepExisting: true }),
  });
}
