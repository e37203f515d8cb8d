/** Writes server changes (live events, mutation answers) into the TanStack Query cache. */
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys, type ListFilter } from '../api/query-keys';
import type { Conversation, Message, MessageList, RealtimeEvent } from '../api/types';
import { patchConversation, upsertConversation, type PagedConversations } from './conversation-list';
import { upsertMessage, type UpsertMessageOptions } from './message-list';

function filterOf(queryKey: readonly unknown[]): ListFilter | null {
  const filter = queryKey[1];
  if (typeof filter !== 'object' || filter === null) return null;
  const { status, assignee } = filter as Record<string, unknown>;
  if (typeof status !== 'string' || typeof assignee !== 'string') return null;
  return filter as ListFilter;
}

export function applyConversation(client: QueryClient, conversation: Conversation, meId: string | null): void {
  for (const [queryKey] of client.getQueriesData<PagedConversations>({ queryKey: queryKeys.conversationLists })) {
    const filter = filterOf(queryKey);
    if (!filter) continue;
    client.setQueryData<PagedConversations>(queryKey, (data) => upsertConversation(data, conversation, filter, meId));
  }
  client.setQueryData<Conversation>(queryKeys.conversation(conversation.id), conversation);
}

/** Changes a few fields everywhere the conversation is cached, without moving it. */
export function patchConversationEverywhere(client: QueryClient, id: string, patch: Partial<Conversation>): void {
  client.setQueriesData<PagedConversations>({ queryKey: queryKeys.conversationLists }, (data) => patchConversation(data, id, patch));
  client.setQueryData<Conversation>(queryKeys.conversation(id), (current) => (current ? { ...current, ...patch } : current));
}

export function applyMessage(client: QueryClient, conversationId: string, message: Message, options?: UpsertMessageOptions): void {
  client.setQueryData<MessageList>(queryKeys.messages(conversationId), (list) => upsertMessage(list, message, options));
}

export function applyEvent(client: QueryClient, event: RealtimeEvent, meId: string | null): void {
  switch (event.type) {
    case 'conversation.created':
    case 'conversation.updated':
      applyConversation(client, event.payload.conversation, meId);
      return;
    case 'message.created':
    case 'message.updated':
      applyMessage(client, event.payload.conversationId, event.payload.message);
      return;
    case 'ignored':
      return;
  }
}
