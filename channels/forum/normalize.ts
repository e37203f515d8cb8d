/**
 * Turns a stored forum post or private message into the inbox's normalized message. Pure:
 * the same stored row always gives the same InboundMessage (its external id dedupes).
 */
import { postExternalId, privateExternalId, privateThreadKey, topicThreadKey } from '../../src/domain/forum/thread-keys.js';
import type { InboundMessage } from '../types.js';

export interface ForumPostRaw {
  kind: 'post';
  postId: string;
  topicId: string;
  topicTitle: string;
  boardName: string;
  isFirst: boolean;
  body: string;
  author: { accountId: string; displayName: string; email: string };
  imageCount: number;
  createdAt: Date;
}

export interface ForumPrivateRaw {
  kind: 'private';
  id: string;
  /** The thread the owner wrote in: their own private thread, or a topic's conversation. */
  threadKey: string | null;
  body: string;
  author: { accountId: string; displayName: string; email: string };
  createdAt: Date;
}

export type ForumRaw = ForumPostRaw | ForumPrivateRaw;

export function normalizeForum(raw: ForumRaw, inboxId: string): InboundMessage {
  const author = { externalId: raw.author.accountId, name: raw.author.displayName, email: raw.author.email };
  if (raw.kind === 'private') {
    return {
      kind: 'message',
      channel: 'forum',
      inboxId,
      externalId: privateExternalId(raw.id),
      threadKey: raw.threadKey ?? privateThreadKey(raw.author.accountId),
      author,
      subject: undefined,
      text: raw.body,
      contentType: 'text',
      attachments: [],
      meta: { forumVisibility: 'private' },
      sentAt: raw.createdAt,
      raw,
    };
  }
  return {
    kind: 'message',
    channel: 'forum',
    inboxId,
    externalId: postExternalId(raw.postId),
    threadKey: topicThreadKey(raw.topicId),
    author,
    subject: `[${raw.boardName}] ${raw.topicTitle}`,
    // The first post carries the title, so the inbox shows what the topic is about.
    text: raw.isFirst ? `${raw.topicTitle}\n\n${raw.body}` : raw.body,
    contentType: 'text',
    attachments: [],
    meta: { forumVisibility: 'public', forumTopicId: raw.topicId, forumPostId: raw.postId, ...(raw.imageCount ? { forumImages: raw.imageCount } : {}) },
    sentAt: raw.createdAt,
    raw,
  };
}
