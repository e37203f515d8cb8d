/**
 * The owners' forum (业主论坛) as a channel. Inbound: owners' posts and private messages,
 * normalized by normalize.ts. Outbound: an agent's answer, public (a staff post on the topic)
 * or private (a message only the owner sees), as chosen in the message's `meta.forumVisibility`.
 */
import { z } from 'zod';
import { parseForumThreadKey } from '../../src/domain/forum/thread-keys.js';
import { ChannelError, type Channel, type OutboundMessage, type SendTarget } from '../types.js';
import type { ForumPort } from './port.js';

export type ForumVisibility = 'public' | 'private';

export const forumConfigSchema = z.object({});
export type ForumConfig = z.infer<typeof forumConfigSchema>;

/** The agent's choice; anything else (or nothing) is private, so nothing is published by accident. */
export function visibilityOf(message: OutboundMessage): ForumVisibility {
  return message.meta?.forumVisibility === 'public' ? 'public' : 'private';
}

export function createForumChannel(port: ForumPort): Channel<ForumConfig> {
  return {
    kind: 'forum',
    configSchema: forumConfigSchema,
    capabilities: { threads: true, edit: false, attachments: false, html: false, buttons: false, maxTextLength: 20_000 },
    async send(target: SendTarget, message: OutboundMessage) {
      if (!target.messageId) throw new ChannelError('forum', 'INVALID', 'forum delivery needs the message id');
      const thread = parseForumThreadKey(target.threadKey);
      if (!thread) throw new ChannelError('forum', 'INVALID', `not a forum thread: ${target.threadKey}`);
      if (message.text.length > 20_000) throw new ChannelError('forum', 'INVALID', 'reply too long for the forum (20000 characters)');
      if (thread.kind === 'topic' && visibilityOf(message) === 'public') {
        const posted = await port.deliverStaffReply({ messageId: target.messageId, topicId: thread.topicId, text: message.text });
        if (!posted) throw new ChannelError('forum', 'NOT_FOUND', 'the topic no longer exists');
        return { externalIds: [`post:${posted.postId}`] };
      }
      const sent = await port.deliverPrivate({ messageId: target.messageId, conversationId: target.conversationId, text: message.text });
      if (!sent) throw new ChannelError('forum', 'NOT_FOUND', 'the owner’s forum account no longer exists');
      return { externalIds: [`pm:${sent.id}`] };
    },
  };
}
