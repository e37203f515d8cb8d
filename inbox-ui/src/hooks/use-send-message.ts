import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postMessage } from '../api/endpoints';
import { applyMessage } from '../cache/apply-to-cache';

export function useSendMessage(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ content, isPrivate, forumVisibility }: { content: string; isPrivate: boolean; forumVisibility?: 'public' | 'private' }) =>
      postMessage(conversationId, content, isPrivate, forumVisibility ? { forumVisibility } : {}),
    // The socket may already have brought this message in a later state (sent, failed).
    onSuccess: (message) => applyMessage(client, conversationId, message, { keepExisting: true }),
  });
}
