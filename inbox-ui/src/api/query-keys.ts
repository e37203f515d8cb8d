import type { AssigneeFilter, Priority, StatusFilter } from './types';

export interface ListFilter {
  status: StatusFilter;
  assignee: AssigneeFilter;
  /** Workspace filters; absent means "any". */
  channel?: string;
  inboxId?: string;
  labelId?: string;
  priority?: Priority;
  snoozed?: boolean;
}

/** Every cache entry the inbox uses; live updates find the entries to change through these. */
export const queryKeys = {
  me: ['me'] as const,
  users: ['users'] as const,
  conversationLists: ['conversations'] as const,
  conversationList: (filter: ListFilter) => ['conversations', filter] as const,
  conversation: (id: string) => ['conversation', id] as const,
  messages: (conversationId: string) => ['messages', conversationId] as const,
};
