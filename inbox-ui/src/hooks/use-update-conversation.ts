import { useMutation, useQueryClient } from '@tanstack/react-query';
import { patchConversation } from '../api/endpoints';
import type { ConversationStatus } from '../api/types';
import { applyConversation } from '../cache/apply-to-cache';
import { useCurrentUser } from '../auth/auth-context';

export function useUpdateConversation(id: string) {
  const client = useQueryClient();
  const me = useCurrentUser();
  return useMutation({
    mutationFn: (patch: { status?: ConversationStatus; assigneeId?: string | null }) => patchConversation(id, patch),
    onSuccess: (conversation) => applyConversation(client, conversation, me.id),
  });
}
