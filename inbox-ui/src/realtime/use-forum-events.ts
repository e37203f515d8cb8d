/**
 * Forum staff events on the shared socket. They carry ids and states only, so the screens
 * refetch what changed through the API (which checks who may see it); a reconnect refetches all.
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { forumKeys } from '../api/forum-api';
import { useActiveSocket } from './socket-registry';

const EVENTS = ['forum.moderation.updated', 'forum.topic.updated', 'forum.claims.updated'] as const;

export function useForumEvents(): void {
  const client = useQueryClient();
  const socket = useActiveSocket();
  useEffect(() => {
    if (!socket) return;
    const refresh = () => void client.invalidateQueries({ queryKey: forumKeys.all });
    for (const e of EVENTS) socket.on(e, refresh);
    socket.on('connect', refresh);
    return () => {
      for (const e of EVENTS) socket.off(e, refresh);
      socket.off('connect', refresh);
    };
  }, [socket, client]);
}
