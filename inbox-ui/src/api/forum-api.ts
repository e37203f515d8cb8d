/** The forum's staff API as the inbox reads it: review queue, actions, boards, settings, unit claims. */
import { apiRequest } from './client';

export type QueueState = 'pending' | 'approved' | 'rejected' | 'ignored' | 'all';
export type Decision = 'approve' | 'reject' | 'ignore';
export type TopicFlag = 'locked' | 'pinned' | 'highlighted';

export interface ForumQueueItem {
  id: string;
  kind: 'first_post' | 'flag' | 'word' | string;
  state: Exclude<QueueState, 'all'>;
  reasons: string[];
  createdAt: string;
  updatedAt: string;
  claimedBy: { id: string; name: string } | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionReason: string | null;
  post: { id: string; body: string; status: string; hiddenReason: string | null; isFirst: boolean; createdAt: string; images: { id: string; width: number; height: number }[] };
  topic: { id: string; title: string; status: string; locked: boolean; pinned: boolean; highlighted: boolean };
  board: { id: string; slug: string; name: string; nameEn: string };
  author: { accountId: string; displayName: string; suspendedUntil: string | null; suspendReason: string | null; approvedPosts: number } | null;
}

export interface ForumHistoryEntry {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  reason: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

export interface ForumQueueItemDetail extends ForumQueueItem {
  history: ForumHistoryEntry[];
  allowed: Record<string, boolean>;
}

export interface ForumBoard {
  id: string;
  slug: string;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
  position: number;
  isService: boolean;
  staffOnlyTopics: boolean;
  moderators: { id: string; name: string }[];
}

export interface ForumSettings {
  premoderationThreshold: number;
  wordList: string[];
}

export interface UnitClaim {
  accountId: string;
  displayName: string;
  email: string;
  unit: string;
  status: string;
  note: string | null;
  contactId: string | null;
  candidates: { id: string; name: string; unit: string | null; email: string | null }[];
}

const enc = encodeURIComponent;

export const forumKeys = {
  all: ['forum'] as const,
  queue: (state: QueueState) => ['forum', 'queue', state] as const,
  item: (id: string) => ['forum', 'item', id] as const,
  boards: ['forum', 'boards'] as const,
  settings: ['forum', 'settings'] as const,
  claims: ['forum', 'claims'] as const,
};

export const fetchQueue = (state: QueueState) => apiRequest<{ data: ForumQueueItem[]; nextBefore: string | null }>(`/api/forum/moderation?state=${state}`);
export const fetchItem = (id: string) => apiRequest<ForumQueueItemDetail>(`/api/forum/moderation/${enc(id)}`);
export const claimItem = (id: string, claim: boolean) => apiRequest<{ ok: true }>(`/api/forum/moderation/${enc(id)}/claim`, { method: 'POST', body: { claim } });
export const decideItem = (id: string, decision: Decision, reason?: string) =>
  apiRequest<{ ok: true }>(`/api/forum/moderation/${enc(id)}/decision`, { method: 'POST', body: { decision, ...(reason ? { reason } : {}) } });
export const setTopicFlag = (topicId: string, flag: TopicFlag, value: boolean) =>
  apiRequest<{ ok: true }>(`/api/forum/topics/${enc(topicId)}/flags`, { method: 'POST', body: { flag, value } });
export const moveTopic = (topicId: string, boardId: string) => apiRequest<{ ok: true }>(`/api/forum/topics/${enc(topicId)}/move`, { method: 'POST', body: { boardId } });
export const sendToInbox = (postId: string) => apiRequest<{ conversationId: string | null }>(`/api/forum/posts/${enc(postId)}/to-inbox`, { method: 'POST' });
export const suspendAccount = (accountId: string, days: number, reason: string) =>
  apiRequest<{ suspendedUntil: string | null }>(`/api/forum/accounts/${enc(accountId)}/suspend`, { method: 'POST', body: { days, ...(reason ? { reason } : {}) } });
export const fetchBoards = () => apiRequest<{ data: ForumBoard[] }>('/api/forum/boards');
export const setModerators = (boardId: string, userIds: string[]) => apiRequest<{ ok: true }>(`/api/forum/boards/${enc(boardId)}/moderators`, { method: 'PUT', body: { userIds } });
export const patchBoard = (boardId: string, patch: Partial<Pick<ForumBoard, 'isService' | 'staffOnlyTopics'>>) =>
  apiRequest<{ ok: true }>(`/api/forum/boards/${enc(boardId)}`, { method: 'PATCH', body: patch });
export const fetchSettings = () => apiRequest<ForumSettings>('/api/forum/settings');
export const saveSettings = (s: { premoderationThreshold: number; wordListText: string }) => apiRequest<ForumSettings>('/api/forum/settings', { method: 'PUT', body: s });
export const fetchClaims = () => apiRequest<{ data: UnitClaim[] }>('/api/forum/unit-claims?state=pending');
export const confirmClaim = (accountId: string, contactId: string | null) =>
  apiRequest<{ ok: true }>(`/api/forum/unit-claims/${enc(accountId)}/confirm`, { method: 'POST', body: { contactId } });
export const rejectClaim = (accountId: string, note: string) => apiRequest<{ ok: true }>(`/api/forum/unit-claims/${enc(accountId)}/reject`, { method: 'POST', body: { note } });
export const createStaffTopic = (boardId: string, title: string, body: string) =>
  apiRequest<{ topicId: string }>('/api/forum/topics', { method: 'POST', body: { boardId, title, body } });
