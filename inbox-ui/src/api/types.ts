/** Shapes of the REST API and socket.io events as the inbox reads them. */

export type ConversationStatus = 'open' | 'pending' | 'resolved';
export type StatusFilter = ConversationStatus | 'all';
export type AssigneeFilter = 'me' | 'unassigned' | 'all';

export interface UserRef {
  id: string;
  name: string;
}

export interface CurrentUser extends UserRef {
  email: string;
  permissions: string[];
}

export interface Conversation {
  id: string;
  status: ConversationStatus;
  channel: string;
  subject: string | null;
  contact: UserRef;
  assignee: UserRef | null;
  lastMessageAt: string;
  unreadCount: number;
  lastMessage: { content: string; direction: 'in' | 'out' } | null;
  /** Agent-workspace fields (issue 6); optional so older cached shapes still type-check. */
  inboxId?: string;
  priority?: Priority;
  labelIds?: string[];
  snoozedUntil?: string | null;
}

export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface ConversationPage {
  data: Conversation[];
  nextCursor: string | null;
}

export interface Attachment {
  kind: string;
  /** The platform's handle: present without storageKey/skipped while the server is still saving the file. */
  fileId?: string;
  width?: number;
  height?: number;
  duration?: number;
  fileName?: string | null;
  mimeType?: string | null;
  size?: number | null;
  /** Set when the server keeps the file (downloadable); absent for files it skipped. */
  storageKey?: string;
  /** Why the file was not kept (e.g. `too large`). */
  skipped?: string;
}

/** `unknown`: the send started but its outcome was never recorded; it may have been sent. */
export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown';

export interface Delivery {
  status: DeliveryStatus;
  error: string | null;
}

export type SenderType = 'contact' | 'agent' | 'bot' | 'system';

export interface Message {
  id: string;
  direction: 'in' | 'out';
  sender: { type: SenderType; id: string | null; name: string | null };
  private: boolean;
  content: string;
  contentType: string;
  attachments: Attachment[];
  edited: boolean;
  createdAt: string;
  delivery: Delivery | null;
  /** Sanitized HTML of an email (remote images neutralised as data-remote-src). */
  html?: string | null;
  /** Channel extras: an email's full text (`fullText`), headers (`email`), placement (`threading`). */
  meta?: Record<string, unknown>;
}

export interface MessageList {
  data: Message[];
}

export interface LoginResponse {
  token: string;
  user: CurrentUser;
}

export interface ConversationEventPayload {
  seq: number;
  conversationId: string;
  conversation: Conversation;
}

export interface MessageEventPayload {
  seq: number;
  conversationId: string;
  message: Message;
}

export type ConversationEventType = 'conversation.created' | 'conversation.updated';
export type MessageEventType = 'message.created' | 'message.updated';

/** One live update, as applied to the cache. */
export type RealtimeEvent =
  | { type: ConversationEventType; seq: number; payload: ConversationEventPayload }
  | { type: MessageEventType; seq: number; payload: MessageEventPayload }
  /** An event kind this screen does not show; it still advances the sequence. */
  | { type: 'ignored'; seq: number };

/** An event as `/api/events?after=` returns it. */
export interface StoredEvent {
  seq: number;
  type: string;
  conversationId: string | null;
  payload: unknown;
}

export interface EventPage {
  data: StoredEvent[];
  /** More events follow; ask again after the last seq of this page. */
  hasMore?: boolean;
}
