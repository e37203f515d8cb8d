import { apiRequest } from './client';
import type {
  AssigneeFilter,
  Conversation,
  ConversationPage,
  ConversationStatus,
  CurrentUser,
  EventPage,
  LoginResponse,
  Message,
  MessageList,
  StatusFilter,
  StoredEvent,
  UserRef,
} from './types';

export const PAGE_SIZE = 50;

export function login(email: string, password: string): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/api/auth/login', {
    method: 'POST',
    body: { email, password },
    anonymous: true,
  });
}

export async function fetchMe(signal?: AbortSignal): Promise<CurrentUser> {
  const body = await apiRequest<{ user: CurrentUser }>('/api/me', { signal });
  return body.user;
}

export function fetchConversations(
  filter: { status: StatusFilter; assignee: AssigneeFilter } & Partial<Record<'channel' | 'inboxId' | 'labelId' | 'priority', string>> & { snoozed?: boolean },
  cursor: string | null,
  signal?: AbortSignal,
): Promise<ConversationPage> {
  const params = new URLSearchParams({
    status: filter.status,
    assignee: filter.assignee,
    limit: String(PAGE_SIZE),
  });
  if (cursor) params.set('cursor', cursor);
  for (const key of ['channel', 'inboxId', 'labelId', 'priority'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.snoozed !== undefined) params.set('snoozed', String(filter.snoozed));
  return apiRequest<ConversationPage>(`/api/conversations?${params.toString()}`, { signal });
}

export function fetchConversation(id: string, signal?: AbortSignal): Promise<Conversation> {
  return apiRequest<Conversation>(`/api/conversations/${encodeURIComponent(id)}`, { signal });
}

export function fetchMessages(conversationId: string, signal?: AbortSignal): Promise<MessageList> {
  return apiRequest<MessageList>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, { signal });
}

export function postMessage(
  conversationId: string,
  content: string,
  isPrivate: boolean,
  /** Forum conversations: a public staff post on the topic, or a private message to the owner. */
  extra: { forumVisibility?: 'public' | 'private' } = {},
): Promise<Message> {
  return apiRequest<Message>(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
    method: 'POST',
    body: { content, private: isPrivate, ...extra },
  });
}

export function patchConversation(
  id: string,
  patch: { status?: ConversationStatus; assigneeId?: string | null },
): Promise<Conversation> {
  return apiRequest<Conversation>(`/api/conversations/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: patch,
  });
}

export function markConversationRead(id: string): Promise<void> {
  return apiRequest<void>(`/api/conversations/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

export async function fetchUsers(signal?: AbortSignal): Promise<UserRef[]> {
  const body = await apiRequest<{ data: UserRef[] }>('/api/users', { signal });
  return body.data;
}

/** Everything after `seq`, following `hasMore` page by page. */
export async function fetchEventsAfter(seq: number): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  let after = seq;
  for (;;) {
    const page = await apiRequest<EventPage>(`/api/events?after=${encodeURIComponent(String(after))}`);
    all.push(...page.data);
    const last = page.data[page.data.length - 1];
    if (!page.hasMore) return all;
    // A page with more to come but nothing we can continue after: let the caller refetch.
    if (!last || last.seq <= after) throw new Error('event catch-up cannot continue');
    after = last.seq;
  }
}

/** A reply whose delivery is unknown did arrive: marks it sent without sending it again. */
export function confirmMessageSent(messageId: string): Promise<Message> {
  return apiRequest<Message>(`/api/messages/${encodeURIComponent(messageId)}/confirm-sent`, { method: 'POST' });
}

/** Sends a failed outbound message (or one whose delivery is unknown) again. */
export function retryMessage(messageId: string): Promise<Message> {
  return apiRequest<Message>(`/api/messages/${encodeURIComponent(messageId)}/retry`, { method: 'POST' });
}
