/** The inbox admin API (inboxes of every kind, for settings.manage) and the channel kinds. */
// The server's own channel types (as ticket-api.ts imports ticket views): one definition, so a
// new capability reaches the UI without a second copy to keep in step.
import type { ChannelLabel } from '../../../channels/definition';
import type { ChannelCapabilities } from '../../../channels/types';
import { apiRequest } from './client';

export type { ChannelCapabilities };

/** JSON Schema of one config field, as GET /api/channels describes it. */
export interface ConfigField {
  type?: string;
  enum?: string[];
  default?: unknown;
  description?: string;
  writeOnly?: boolean;
  pattern?: string;
  properties?: Record<string, ConfigField>;
}

export interface ChannelKindInfo {
  kind: string;
  label: ChannelLabel;
  capabilities: ChannelCapabilities;
  creatable: boolean;
  webhook: boolean;
  secretFields: string[];
  configSchema: { properties?: Record<string, ConfigField>; required?: string[] };
}

export interface AdminInbox {
  id: string;
  channel: string;
  name: string;
  disabled: boolean;
  config?: Record<string, unknown>;
  secretsSet?: string[];
  source?: 'env' | 'api';
  editable?: boolean;
  health?: { lastInboundAt: string | null; lastDeliveryAt: string | null; lastError: string | null; lastErrorAt: string | null };
  webhookUrl?: string | null;
}

export interface InboxDraft {
  channel: string;
  name: string;
  config: Record<string, unknown>;
}

export const channelKindsKey = ['channels'] as const;
export const adminInboxesKey = ['inboxes', 'admin'] as const;

export async function fetchChannelKinds(signal?: AbortSignal): Promise<ChannelKindInfo[]> {
  return (await apiRequest<{ data: ChannelKindInfo[] }>('/api/channels', { signal })).data;
}

export async function fetchAdminInboxes(signal?: AbortSignal): Promise<AdminInbox[]> {
  return (await apiRequest<{ data: AdminInbox[] }>('/api/inboxes', { signal })).data;
}

export const createInbox = (draft: InboxDraft) => apiRequest<AdminInbox>('/api/inboxes', { method: 'POST', body: draft });
export const updateInbox = (id: string, patch: Partial<Omit<InboxDraft, 'channel'>> & { disabled?: boolean }) =>
  apiRequest<AdminInbox>(`/api/inboxes/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });
export const testInbox = (id: string) => apiRequest<{ ok: boolean; detail?: string; error?: string }>(`/api/inboxes/${encodeURIComponent(id)}/test`, { method: 'POST' });
