/** Shapes of the agent-workspace API (canned replies, labels, presence, search, contacts …). */
import type { Conversation } from './types';

export interface CannedReply {
  id: string;
  shortcode: string;
  title: string;
  content: string;
  locale: 'zh-CN' | 'en';
  folder: string;
  scope: 'team' | 'personal';
}

export interface Rendered {
  text: string;
  unknown: string[];
  missing: string[];
}

export interface ToneFinding {
  start: number;
  end: number;
  match: string;
  category: 'blame' | 'refuse_responsibility' | 'curt';
  suggestion: string | null;
}

export interface Label {
  id: string;
  name: string;
  color: string;
}

export type PresenceStatus = 'online' | 'busy' | 'offline';

export interface Presence {
  userId: string;
  name: string;
  status: PresenceStatus;
  capacity: number;
  load: number;
}

export interface Inbox {
  id: string;
  channel: string;
  name: string;
  memberIds: string[];
}

export interface ToneRule {
  pattern: string;
  regex?: boolean;
  category: ToneFinding['category'];
  suggestion?: string;
}

export interface ViewFilter {
  status: 'open' | 'pending' | 'resolved' | 'all';
  assignee: 'me' | 'unassigned' | 'all';
  /** A kind from GET /api/channels. */
  channel?: string;
  inboxId?: string;
  labelId?: string;
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  snoozed?: boolean;
}

export interface SavedView {
  id: string;
  name: string;
  filter: ViewFilter;
}

export interface Snippet {
  text: string;
  highlights: [number, number][];
}

export interface SearchResult {
  messages: { messageId: string; conversationId: string; contactName: string; channel: string; private: boolean; createdAt: string; snippet: Snippet }[];
  contacts: { id: string; name: string; unit: string | null; phone: string | null; email: string | null; snippet: Snippet }[];
}

export interface ContactDetails {
  id: string;
  name: string;
  unit: string | null;
  phone: string | null;
  email: string | null;
  identities: { id: string; channel: string; externalId: string; username: string | null; displayName: string | null; blocked: boolean }[];
  conversations: Conversation[];
  tickets: { id: string; number: string; status: string; dueAt: string | null }[];
  merges: { id: string; mergedId: string; mergedName: string; createdAt: string }[];
  mergedInto: string | null;
}

export type UnitPersonRole = 'owner' | 'tenant' | 'resident';

/** A unit an agent bound the owner to, with its people and the unit's newest tickets. */
export interface BoundUnit {
  unit: { id: string; estate: string; building: string; entrance: string; number: string; address: string };
  role: UnitPersonRole;
  boundBy: { id: string; name: string } | null;
  boundAt: string | null;
  people: { name: string; role: UnitPersonRole; phone: string | null }[];
  tickets: { id: string; number: string; status: string; summary: string; createdAt: string }[];
}

export interface Mention {
  id: string;
  userId: string;
  conversationId: string;
  by: { id: string; name: string } | null;
  excerpt: string;
}
