/**
 * Workspace reactions to live events on the shared socket: unread counts per view stay live,
 * presence and mentions refresh, and a new conversation or a mention of me notifies (sound,
 * desktop). After a reconnect everything the catch-up does not cover is fetched again.
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { workspaceKeys } from '../api/workspace-endpoints';
import { useI18n } from '../i18n/i18n-context';
import { notify } from '../lib/notify';
import { useActiveSocket } from './socket-registry';

function field(payload: unknown, ...path: string[]): unknown {
  let cur: unknown = payload;
  for (const key of path) cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[key] : undefined;
  return cur;
}

export function useWorkspaceEvents(meId: string, openConversation: (id: string) => void): void {
  const client = useQueryClient();
  const socket = useActiveSocket();
  const { t } = useI18n();

  useEffect(() => {
    if (!socket) return;
    let countsTimer: ReturnType<typeof setTimeout> | undefined;
    // Bursts (a bulk action, a catch-up) refresh the counts once.
    const refreshCounts = () => {
      clearTimeout(countsTimer);
      countsTimer = setTimeout(() => void client.invalidateQueries({ queryKey: workspaceKeys.viewCounts }), 300);
    };
    const onConversation = () => refreshCounts();
    const onCreated = (payload: unknown) => {
      refreshCounts();
      const name = field(payload, 'conversation', 'contact', 'name');
      const id = field(payload, 'conversation', 'id');
      notify(t('ws.notify.newConversation', { name: typeof name === 'string' ? name : '' }), String(field(payload, 'conversation', 'lastMessage', 'content') ?? ''), () => {
        if (typeof id === 'string') openConversation(id);
      });
    };
    const onPresence = () => void client.invalidateQueries({ queryKey: workspaceKeys.presence });
    const onMention = (payload: unknown) => {
      if (field(payload, 'mention', 'userId') !== meId) return;
      void client.invalidateQueries({ queryKey: workspaceKeys.mentions });
      const by = field(payload, 'mention', 'by', 'name');
      const conversationId = field(payload, 'mention', 'conversationId');
      notify(t('ws.mention.notify', { name: typeof by === 'string' ? by : '' }), String(field(payload, 'mention', 'excerpt') ?? ''), () => {
        if (typeof conversationId === 'string') openConversation(conversationId);
      });
    };
    const onConnect = () => {
      for (const key of [workspaceKeys.viewCounts, workspaceKeys.presence, workspaceKeys.mentions]) void client.invalidateQueries({ queryKey: key });
    };
    socket.on('conversation.updated', onConversation);
    socket.on('message.created', onConversation);
    socket.on('conversation.created', onCreated);
    socket.on('presence.updated', onPresence);
    socket.on('mention.created', onMention);
    socket.on('connect', onConnect);
    return () => {
      clearTimeout(countsTimer);
      socket.off('conversation.updated', onConversation);
      socket.off('message.created', onConversation);
      socket.off('conversation.created', onCreated);
      socket.off('presence.updated', onPresence);
      socket.off('mention.created', onMention);
      socket.off('connect', onConnect);
    };
  }, [socket, client, meId, t, openConversation]);
}
