/**
 * An agent's answer arriving on the forum (called by the forum channel's `send` through the
 * port). Both kinds are keyed by the inbox message id, so a retried delivery posts once.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { contactIdentities, conversations, forumPosts, forumPrivateMessages, forumTopics, messages, users } from '../../../db/schema/index.js';
import { parseForumThreadKey } from '../../domain/forum/thread-keys.js';
import type { ForumDeps } from './deps.js';
import { topicEvent } from './events.js';
import { notifyPrivate, notifyReply } from './notify.js';

async function senderOf(deps: ForumDeps, messageId: string): Promise<{ id: string | null; name: string }> {
  const [row] = await deps.db
    .select({ id: messages.senderId, name: users.name })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(eq(messages.id, messageId));
  return { id: row?.name ? row.id : null, name: row?.name ?? '' };
}

/** A public official reply on the topic, shown with the staff badge. */
export async function deliverStaffReply(deps: ForumDeps, input: { messageId: string; topicId: string; text: string }): Promise<{ postId: string } | null> {
  const [existing] = await deps.db.select({ id: forumPosts.id }).from(forumPosts).where(eq(forumPosts.messageId, input.messageId));
  if (existing) return { postId: existing.id };
  const sender = await senderOf(deps, input.messageId);
  const created = await deps.db.transaction(async (tx) => {
    const [topic] = await tx.select({ id: forumTopics.id }).from(forumTopics).where(eq(forumTopics.id, input.topicId)).for('update');
    if (!topic) return null;
    const now = deps.clock.now();
    const [post] = await tx
      .insert(forumPosts)
      .values({ topicId: topic.id, staffUserId: sender.id, body: input.text, status: 'visible', messageId: input.messageId, createdAt: now })
      .onConflictDoNothing({ target: forumPosts.messageId })
      .returning({ id: forumPosts.id });
    if (!post) return null;
    await tx.update(forumTopics).set({ replyCount: sql`${forumTopics.replyCount} + 1`, lastPostAt: now }).where(eq(forumTopics.id, topic.id));
    return { postId: post.id, event: await topicEvent(tx, deps, topic.id) };
  });
  if (!created) {
    const [raced] = await deps.db.select({ id: forumPosts.id }).from(forumPosts).where(eq(forumPosts.messageId, input.messageId));
    return raced ? { postId: raced.id } : null;
  }
  deps.bus.publish([created.event]);
  await notifyReply(deps, created.postId);
  return { postId: created.postId };
}

/** The forum account a conversation belongs to: the identity of its contact on the forum. */
async function accountOfConversation(deps: ForumDeps, conversationId: string): Promise<{ accountId: string; topicId: string | null } | null> {
  const [conv] = await deps.db
    .select({ contactId: conversations.contactId, threadKey: conversations.threadKey })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  if (!conv) return null;
  const thread = parseForumThreadKey(conv.threadKey);
  if (thread?.kind === 'private') return { accountId: thread.accountId, topicId: null };
  const [identity] = await deps.db
    .select({ externalId: contactIdentities.externalId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, conv.contactId), eq(contactIdentities.channel, 'forum')))
    .orderBy(asc(contactIdentities.createdAt))
    .limit(1);
  if (!identity) return null;
  return { accountId: identity.externalId, topicId: thread?.kind === 'topic' ? thread.topicId : null };
}

/** A private message only the owner sees (their "messages" page), with a notification mail. */
export async function deliverPrivate(deps: ForumDeps, input: { messageId: string; conversationId: string; text: string }): Promise<{ id: string } | null> {
  const [existing] = await deps.db.select({ id: forumPrivateMessages.id }).from(forumPrivateMessages).where(eq(forumPrivateMessages.messageId, input.messageId));
  if (existing) return existing;
  const target = await accountOfConversation(deps, input.conversationId);
  if (!target) return null;
  const sender = await senderOf(deps, input.messageId);
  const [row] = await deps.db
    .insert(forumPrivateMessages)
    .values({
      accountId: target.accountId,
      conversationId: input.conversationId,
      topicId: target.topicId,
      direction: 'out',
      staffUserId: sender.id,
      body: input.text,
      messageId: input.messageId,
      createdAt: deps.clock.now(),
    })
    .onConflictDoNothing({ target: forumPrivateMessages.messageId })
    .returning({ id: forumPrivateMessages.id });
  if (!row) {
    const [raced] = await deps.db.select({ id: forumPrivateMessages.id }).from(forumPrivateMessages).where(eq(forumPrivateMessages.messageId, input.messageId));
    return raced ?? null;
  }
  await notifyPrivate(deps, target.accountId, sender.name || '客服', input.text);
  return row;
}
