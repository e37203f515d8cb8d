/**
 * The shape every channel adapter shares (see DESIGN.md, "The Channel interface").
 * Inbound payloads are turned into these normalized types by a pure `normalize`;
 * outbound sends go through `Channel.send`. Channels never touch the database.
 */
import type { z } from 'zod';

/** A channel's kind, as its definition in channels/registry.ts names it (telegram, email, wechat …). */
export type ChannelKind = string;

/** What a stored message holds; `text` is the plain default. */
export type ContentType =
  | 'text'
  | 'photo'
  | 'document'
  | 'voice'
  | 'audio'
  | 'video'
  | 'video_note'
  | 'animation'
  | 'sticker'
  | 'location'
  | 'contact'
  | 'email'
  | 'unsupported';

export interface Attachment {
  kind: 'photo' | 'document' | 'voice' | 'audio' | 'video' | 'video_note' | 'animation' | 'sticker' | 'file' | 'image';
  /** The channel's own handle for the file (Telegram file_id, email content-id …). */
  fileId?: string;
  fileName?: string;
  mimeType?: string;
  size?: number;
  width?: number;
  height?: number;
  duration?: number;
  /** Where our copy is kept, when we keep one. */
  storageKey?: string;
  /** Set when the file was not stored, with the reason (too large, …). */
  skipped?: string;
}

export interface InboundAuthor {
  /** Stable id of the person on that channel (Telegram user id, email address …). */
  externalId: string;
  name: string;
  username?: string;
  email?: string;
  languageCode?: string;
}

/** One message an owner sent, normalized. */
export interface InboundMessage {
  kind: 'message';
  channel: ChannelKind;
  inboxId: string;
  /** Unique within the inbox; a second delivery of the same id is a no-op. */
  externalId: string;
  /** Groups messages into one conversation (Telegram chat id, email thread root …). */
  threadKey: string;
  inReplyTo?: string;
  references?: string[];
  author: InboundAuthor;
  subject?: string;
  text: string;
  html?: string;
  contentType: ContentType;
  attachments: Attachment[];
  /** Structured extras of a content kind: location coordinates, a shared contact … */
  meta?: Record<string, unknown>;
  /** A bot command such as `start`, when the message is one. */
  command?: string;
  sentAt: Date;
  raw: unknown;
}

/** The owner edited a message we already hold. */
export interface InboundEdit {
  kind: 'edit';
  channel: ChannelKind;
  inboxId: string;
  externalId: string;
  threadKey: string;
  author: InboundAuthor;
  text: string;
  editedAt: Date;
  raw: unknown;
}

/** The owner blocked or unblocked the bot (Telegram my_chat_member). */
export interface InboundBlock {
  kind: 'blocked' | 'unblocked';
  channel: ChannelKind;
  inboxId: string;
  author: InboundAuthor;
  at: Date;
}

/** The owner pressed an inline button (Telegram callback_query). */
export interface InboundCallback {
  kind: 'callback';
  channel: ChannelKind;
  inboxId: string;
  callbackId: string;
  threadKey: string;
  author: InboundAuthor;
  data: string;
  at: Date;
}

export type Inbound = InboundMessage | InboundEdit | InboundBlock | InboundCallback;

export interface OutboundMessage {
  text: string;
  html?: string;
  subject?: string;
  /** Inline keyboard or similar; channels without it ignore it. */
  buttons?: { label: string; data: string }[][];
  attachments?: { fileName: string; mimeType: string; content: Uint8Array }[];
  /** Headers or ids the channel needs to thread the reply. */
  replyTo?: { externalId: string; references?: string[] };
  /** The stored message's meta: choices a channel acts on (the forum's `forumVisibility`). */
  meta?: Record<string, unknown>;
}

export interface SendTarget {
  inboxId: string;
  conversationId: string;
  /** Where to deliver: Telegram chat id, email address … */
  address: string;
  threadKey: string;
  /** Which parts (for split messages) were already delivered by an earlier attempt. */
  partsDone?: number;
  /** The stored message being delivered; lets a channel make its send idempotent. */
  messageId?: string;
}

export interface SendResult {
  externalIds: string[];
}

/** Lets the caller record each part of a split message the moment it is out. */
export interface SendProgress {
  onPartSent(partIndex: number, externalId: string): Promise<void>;
}

export interface ChannelCapabilities {
  /** Replies carry a subject and thread headers (email, the forum's topics). */
  threads: boolean;
  /** Owners can edit what they sent and we receive the edit. */
  edit: boolean;
  /** Owners' files come in; agents can send files out. */
  attachments: boolean;
  attachmentsIn?: boolean;
  attachmentsOut?: boolean;
  html: boolean;
  buttons: boolean;
  maxTextLength: number;
  /** Replies are allowed only this many hours after the owner's last message (WeChat: 48). */
  replyWindowHours?: number;
  /** Agents may send approved template messages outside the reply window. */
  templates?: boolean;
  /** The platform's send limits; the delivery queue keeps under them instead of hitting 429. */
  sendLimits?: { perSecond?: number; perConversationPerSecond?: number };
  /** An agent's answer may be public or private (the forum: a staff post or a private message). */
  visibilityChoice?: boolean;
  /**
   * A record of contact made elsewhere (a phone call, a walk-in visit): nothing is sent out,
   * agents' messages there are notes, and owners get no links or buttons through it.
   */
  logOnly?: boolean;
  /**
   * A chat keeps one open conversation per thread key (Telegram chat, forum topic, WeChat
   * owner); without it each new message without a reply reference opens its own (email).
   */
  oneOpenPerThread?: boolean;
  /**
   * A chat where the self-service bot may answer (guided repair reports, ticket status, handoff);
   * mailboxes, the forum and logs have none.
   */
  selfService?: boolean;
  /**
   * Choices are drawn as a click menu inside the message (WeChat and WeCom `msgmenu`): the
   * stored message's `meta.menu` lists them, and a click comes back as a text message whose
   * `meta.menuId` is the item's id.
   */
  clickMenus?: boolean;
}

export type ChannelErrorCode = 'AUTH' | 'RATE_LIMITED' | 'NOT_FOUND' | 'INVALID' | 'NETWORK' | 'UNSUPPORTED' | 'WINDOW_CLOSED';

export class ChannelError extends Error {
  readonly channel: ChannelKind;
  readonly code: ChannelErrorCode;
  readonly retryAfterMs?: number;
  /**
   * The request may have reached the platform before it failed (a connection dropped after the
   * body went out): the delivery is shown as "may have been sent", never failed or resent blindly.
   */
  readonly outcomeUnknown: boolean;

  constructor(
    channel: ChannelKind,
    code: ChannelErrorCode,
    message: string,
    opts: { retryAfterMs?: number; cause?: unknown; outcomeUnknown?: boolean } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'ChannelError';
    this.channel = channel;
    this.code = code;
    this.retryAfterMs = opts.retryAfterMs;
    this.outcomeUnknown = opts.outcomeUnknown ?? false;
  }

  /** Worth another try later (rate limits and network trouble), as opposed to a final no; never when a retry could duplicate. */
  get retryable(): boolean {
    return !this.outcomeUnknown && (this.code === 'RATE_LIMITED' || this.code === 'NETWORK');
  }
}

export interface Channel<Config = unknown> {
  kind: ChannelKind;
  configSchema: z.ZodType<Config>;
  capabilities: ChannelCapabilities;
  send(target: SendTarget, message: OutboundMessage, progress?: SendProgress): Promise<SendResult>;
  answerCallback?(callbackId: string, text?: string): Promise<void>;
  typing?(target: SendTarget): Promise<void>;
}
