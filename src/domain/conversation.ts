/** Conversation rules that need no I/O. */
import type { ChannelCapabilities, ContentType } from '../../channels/types.js';

export const CONVERSATION_STATUSES = ['open', 'pending', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/**
 * Chat channels keep one open conversation per chat; email opens one per new mail and
 * threads replies by their headers instead.
 */
export function keepsOneOpenPerThread(capabilities: Pick<ChannelCapabilities, 'oneOpenPerThread'>): boolean {
  // The forum keys a conversation per topic (and per owner for private messages) the same way.
  return capabilities.oneOpenPerThread === true;
}

/** Threads keyed per chat keep one open conversation; a resolved one releases its key. */
export function openKeyFor(status: ConversationStatus, threadKey: string): string | null {
  return status === 'resolved' ? null : threadKey;
}

const PREVIEW_LENGTH = 140;

const KIND_LABEL: Partial<Record<ContentType, string>> = {
  photo: '[photo]',
  document: '[document]',
  voice: '[voice]',
  audio: '[audio]',
  video: '[video]',
  video_note: '[video note]',
  animation: '[animation]',
  sticker: '[sticker]',
  location: '[location]',
  contact: '[contact]',
};

/** A one-line preview for the conversation list. */
export function previewOf(content: string, contentType: string): string {
  const text = content.replace(/\s+/g, ' ').trim();
  const label = KIND_LABEL[contentType as ContentType];
  const line = label && !text.startsWith(label) ? `${label} ${text}`.trim() : text;
  return line.length > PREVIEW_LENGTH ? `${line.slice(0, PREVIEW_LENGTH - 1)}…` : line;
}
