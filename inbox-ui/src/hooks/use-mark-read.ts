import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { markConversationRead } from '../api/endpoints';
import type { Conversation } from '../api/types';
import { patchConversationEverywhere } from '../cache/apply-to-cache';
import { useDocumentVisible } from './use-document-visible';

/** While a conversation is on screen, anything unread in it is marked read. */
export function useMarkRead(conversation: Conversation | undefined): void {
  const client = useQueryClient();
  const visible = useDocumentVisible();
  const inFlight = useRef<string | null>(null);
  const id = conversation?.id;
  const unread = conversation?.unreadCount ?? 0;

  useEffect(() => {
    if (!id || unread === 0 || !visible || inFlight.current === id) return;
    inFlight.current = id;
    markConversationRead(id)
      .then(() => patchConversationEverywhere(client, id, { unreadCount: 0 }))
      .catch(() => undefined)
      .finally(() => {
        if (inFlight.current === id) inFlight.current = null;
      });
  }, [client, id, unread, visible]);
}
