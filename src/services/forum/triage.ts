/**
 * Forum posts into the inbox. The caller normalizes a stored post (channels/forum/normalize.ts)
 * and hands it here: ingestInbound files it into the topic's open conversation (or opens one),
 * then the post and topic remember the link. Stored-but-not-ingested items are found again by
 * `strandedForumItems` (the triage sweep), and re-ingesting is a no-op thanks to the external id.
 */
import { and, count, eq, isNull, lt } from 'drizzle-orm';
import { forumAccounts, forumBoards, forumPosts, forumPrivateMessages, forumTopics, forumUploads, messages } from '../../../db/schema/index.js';
import type { InboundMessage } from '../../../channels/types.js';
import type { ForumPostRaw, ForumPrivateRaw, ForumRaw } from '../../../channels/forum/normalize.js';
import { topicThreadKey } from '../../domain/forum/thread-keys.js';
import { ingestInbound } from '../ingest-inbound.js';
import type { ForumDeps } from './deps.js';

export async function ingestForumItem(deps: ForumDeps, inbound: InboundMessage, raw: ForumRaw): Promise<{ conversationId: string } | null> {
  const result = await ingestInbound(deps, inbound, { mode: 'thread' });
  let conversationId = result.conversationId;
  let messageId = result.messageId;
  if (result.duplicate) {
    const [m] = await deps.db
      .select({ id: messages.id, conversationId: messages.conversationId })
      .from(messages)
      .where(and(eq(messages.inboxId, inbound.inboxId), eq(messages.externalId, inbound.externalId)));
    conversationId = m?.conversationId ?? null;
    messageId = m?.id ?? null;
  }
  if (!conversationId || !messageId) return null;
  const linked = { conversationId, messageId };
  if (raw.kind === 'post') {
    await deps.db.update(forumPosts).set({ messageId: linked.messageId }).where(eq(forumPosts.id, raw.postId));
    // The topic follows its newest conversation: a resolved one released the thread key, so
    // a later reply opened a new conversation, and private answers go there now.
    await deps.db.update(forumTopics).set({ conversationId: linked.conversationId }).where(eq(forumTopics.id, raw.topicId));
  } else {
    await deps.db.update(forumPrivateMessages).set(linked).where(eq(forumPrivateMessages.id, raw.id));
  }
  return { conversationId };
}

/** Posts and private messages stored more than `olderThanMs` ago that never reached the inbox. */
export async function strandedForumItems(deps: ForumDeps, olderThanMs: number): Promise<ForumRaw[]> {
  const before = new Date(deps.clock.now().getTime() - olderThanMs);
  const posts = await deps.db
    .select({ p: forumPosts, t: forumTopics, boardName: forumBoards.name, a: forumAccounts })
    .from(forumPosts)
    .innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId))
    .innerJoin(forumBoards, eq(forumBoards.id, forumTopics.boardId))
    .innerJoin(forumAccounts, eq(forumAccounts.id, forumPosts.accountId))
    .where(and(eq(forumPosts.toInbox, true), isNull(forumPosts.messageId), lt(forumPosts.createdAt, before)))
    .limit(200);
  const privates = await deps.db
    .select({ m: forumPrivateMessages, a: forumAccounts })
    .from(forumPrivateMessages)
    .innerJoin(forumAccounts, eq(forumAccounts.id, forumPrivateMessages.accountId))
    .where(and(eq(forumPrivateMessages.direction, 'in'), isNull(forumPrivateMessages.messageId), lt(forumPrivateMessages.createdAt, before)))
    .limit(200);
  const out: ForumRaw[] = [];
  for (const r of posts) out.push(await postRaw(deps, r.p, r.t, r.boardName, r.a));
  for (const r of privates) out.push(privateRaw(r.m, r.a, r.m.topicId ? topicThreadKey(r.m.topicId) : null));
  return out;
}

type PostRow = typeof forumPosts.$inferSelect;
type TopicRow = typeof forumTopics.$inferSelect;
type AccountRow = typeof forumAccounts.$inferSelect;

export async function postRaw(deps: ForumDeps, p: PostRow, t: TopicRow, boardName: string, a: AccountRow): Promise<ForumPostRaw> {
  const [images] = await deps.db.select({ n: count() }).from(forumUploads).where(eq(forumUploads.postId, p.id));
  return {
    kind: 'post',
    postId: p.id,
    topicId: t.id,
    topicTitle: t.title,
    boardName,
    isFirst: p.isFirst,
    body: p.body,
    author: { accountId: a.id, displayName: a.displayName, email: a.email },
    imageCount: images?.n ?? 0,
    createdAt: p.createdAt,
  };
}

export function privateRaw(m: typeof forumPrivateMessages.$inferSelect, a: AccountRow, threadKey: string | null): ForumPrivateRaw {
  return { kind: 'private', id: m.id, threadKey, body: m.body, author: { accountId: a.id, displayName: a.displayName, email: a.email }, createdAt: m.createdAt };
}
