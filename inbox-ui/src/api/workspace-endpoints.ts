/** Calls of the agent-workspace API; one function per route. */
import { apiRequest } from './client';
import type { Message, Priority } from './types';
import type {
  BoundUnit,
  CannedReply,
  ContactDetails,
  Inbox,
  Label,
  Mention,
  Presence,
  PresenceStatus,
  Rendered,
  SavedView,
  SearchResult,
  ToneFinding,
  ToneRule,
  ViewFilter,
} from './workspace-types';

const enc = encodeURIComponent;

export const fetchCannedReplies = async (signal?: AbortSignal) => (await apiRequest<{ data: CannedReply[] }>('/api/canned-replies', { signal })).data;
export const createCannedReply = (body: Omit<CannedReply, 'id'>) => apiRequest<CannedReply>('/api/canned-replies', { method: 'POST', body });
export const deleteCannedReply = (id: string) => apiRequest<void>(`/api/canned-replies/${enc(id)}`, { method: 'DELETE' });
export const renderReply = (conversationId: string, text: string) =>
  apiRequest<Rendered>(`/api/conversations/${enc(conversationId)}/render`, { method: 'POST', body: { text } });
export const checkTone = async (text: string) => (await apiRequest<{ findings: ToneFinding[] }>('/api/tone-check', { method: 'POST', body: { text } })).findings;

export const fetchLabels = async (signal?: AbortSignal) => (await apiRequest<{ data: Label[] }>('/api/labels', { signal })).data;
export const createLabel = (name: string, color?: string) => apiRequest<Label>('/api/labels', { method: 'POST', body: { name, color } });

export interface TriagePatch {
  priority?: Priority;
  addLabelIds?: string[];
  removeLabelIds?: string[];
  snoozedUntil?: string | null;
}
export const triageConversation = (id: string, patch: TriagePatch) => apiRequest<unknown>(`/api/conversations/${enc(id)}/triage`, { method: 'PATCH', body: patch });
export const bulkUpdate = (ids: string[], patch: TriagePatch & { status?: 'open' | 'pending' | 'resolved'; assigneeId?: string | null }) =>
  apiRequest<{ updated: number }>('/api/conversations/bulk', { method: 'POST', body: { ids, ...patch } });

export const postNote = (conversationId: string, content: string, mentions: string[]) =>
  apiRequest<Message>(`/api/conversations/${enc(conversationId)}/notes`, { method: 'POST', body: { content, mentions } });
export const fetchMentions = async (signal?: AbortSignal) => (await apiRequest<{ data: Mention[] }>('/api/mentions?unread=true', { signal })).data;
export const readMentions = (conversationId: string) => apiRequest<unknown>(`/api/conversations/${enc(conversationId)}/mentions/read`, { method: 'POST' });

export const fetchSavedViews = async (signal?: AbortSignal) => (await apiRequest<{ data: SavedView[] }>('/api/saved-views', { signal })).data;
export const createSavedView = (name: string, filter: ViewFilter) => apiRequest<SavedView>('/api/saved-views', { method: 'POST', body: { name, filter } });
export const deleteSavedView = (id: string) => apiRequest<void>(`/api/saved-views/${enc(id)}`, { method: 'DELETE' });
export const fetchViewCounts = async (signal?: AbortSignal) => (await apiRequest<{ counts: Record<string, number> }>('/api/views/counts', { signal })).counts;

export const fetchPresence = async (signal?: AbortSignal) => (await apiRequest<{ data: Presence[] }>('/api/presence', { signal })).data;
export const setMyPresence = (status: PresenceStatus) => apiRequest<{ status: PresenceStatus }>('/api/presence/me', { method: 'PUT', body: { status } });
export const setCapacity = (userId: string, capacity: number) => apiRequest<Presence>(`/api/presence/${enc(userId)}`, { method: 'PATCH', body: { capacity } });
export const setInboxMembers = (inboxId: string, userIds: string[]) => apiRequest<void>(`/api/inboxes/${enc(inboxId)}/members`, { method: 'PUT', body: { userIds } });
export const fetchToneRules = async (signal?: AbortSignal) => (await apiRequest<{ rules: ToneRule[] }>('/api/settings/tone-rules', { signal })).rules;
export const saveToneRules = (rules: ToneRule[]) => apiRequest<{ rules: ToneRule[] }>('/api/settings/tone-rules', { method: 'PUT', body: { rules } });
export const fetchInboxes = async (signal?: AbortSignal) => (await apiRequest<{ data: Inbox[] }>('/api/inboxes', { signal })).data;

export const search = (q: string, signal?: AbortSignal) => apiRequest<SearchResult>(`/api/search?q=${enc(q)}`, { signal });

export const fetchContact = (id: string, signal?: AbortSignal) => apiRequest<ContactDetails>(`/api/contacts/${enc(id)}`, { signal });
export const fetchContactUnits = (id: string, signal?: AbortSignal) => apiRequest<{ data: BoundUnit[] }>(`/api/contacts/${enc(id)}/units`, { signal });
export const mergeContact = (id: string, otherId: string) => apiRequest<{ mergeId: string }>(`/api/contacts/${enc(id)}/merge`, { method: 'POST', body: { otherId } });
export const undoMerge = (mergeId: string) => apiRequest<void>(`/api/contact-merges/${enc(mergeId)}/undo`, { method: 'POST' });

export interface LogContactBody {
  channel: 'phone' | 'visit';
  contactId?: string;
  newContact?: { name: string; phone?: string; unit?: string };
  subject?: string;
  notes: string;
}
export const logContact = (body: LogContactBody) => apiRequest<{ conversationId: string; contactId: string }>('/api/conversations/log', { method: 'POST', body });

export const workspaceKeys = {
  cannedReplies: ['canned-replies'] as const,
  labels: ['labels'] as const,
  savedViews: ['saved-views'] as const,
  viewCounts: ['view-counts'] as const,
  presence: ['presence'] as const,
  inboxes: ['inboxes'] as const,
  mentions: ['mentions'] as const,
  contact: (id: string) => ['contact', id] as const,
  // Under ['contact'], so what refreshes the sidebar refreshes the units too.
  contactUnits: (id: string) => ['contact', id, 'units'] as const,
  search: (q: string) => ['search', q] as const,
};
