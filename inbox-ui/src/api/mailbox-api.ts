/** The mailboxes API (email inboxes, for admins with settings.manage): shapes and calls. */
import { apiRequest } from './client';

export type WatcherState = 'standby' | 'connecting' | 'watching' | 'reconnecting' | 'stopped';

export interface Mailbox {
  id: string;
  name: string;
  from: { name: string; address: string };
  imap: { host: string; port: number; secure: boolean; user: string; folder: string; passwordSet: boolean };
  smtp: { host: string; port: number; secure: boolean; user: string | null; passwordSet: boolean };
  plusAddressing: boolean;
  /** The first mail of a new conversation gets an automatic acknowledgement with its reference number. */
  acknowledge: boolean;
  enabled: boolean;
  source: 'env' | 'api';
  createdAt: string;
  status: { watcher: WatcherState; error: string | null; lastSyncAt: string | null } | null;
}

/** What the form sends; a password left empty is left out (the stored one is kept). */
export interface MailboxDraft {
  name: string;
  from: { name: string; address: string };
  imap: { host: string; port: number; secure: boolean; user: string; folder: string; password?: string };
  smtp: { host: string; port: number; secure: boolean; user: string | null; password?: string };
  plusAddressing: boolean;
  acknowledge: boolean;
  enabled: boolean;
}

export async function fetchMailboxes(signal?: AbortSignal): Promise<Mailbox[]> {
  return (await apiRequest<{ data: Mailbox[] }>('/api/mailboxes', { signal })).data;
}

export function createMailbox(draft: MailboxDraft): Promise<Mailbox> {
  return apiRequest<Mailbox>('/api/mailboxes', { method: 'POST', body: draft });
}

export function updateMailbox(id: string, draft: Partial<MailboxDraft>): Promise<Mailbox> {
  return apiRequest<Mailbox>(`/api/mailboxes/${encodeURIComponent(id)}`, { method: 'PATCH', body: draft });
}
