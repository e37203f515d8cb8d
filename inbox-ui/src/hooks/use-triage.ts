import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createLabel, triageConversation, workspaceKeys, type TriagePatch } from '../api/workspace-endpoints';
import type { Conversation } from '../api/types';
import { useCurrentUser } from '../auth/auth-context';
import { applyConversation } from '../cache/apply-to-cache';

/** Priority, labels and snooze of one conversation; the answer goes straight into the cache. */
export function useTriage(id: string) {
  const client = useQueryClient();
  const me = useCurrentUser();
  return useMutation({
    mutationFn: (patch: TriagePatch) => triageConversation(id, patch) as Promise<Conversation>,
    onSuccess: (conversation) => {
      applyConversation(client, conversation, me.id);
      void client.invalidateQueries({ queryKey: workspaceKeys.viewCounts });
    },
  });
}

export function useCreateLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => createLabel(name),
    onSuccess: () => void client.invalidateQueries({ queryKey: workspaceKeys.labels }),
  });
}
