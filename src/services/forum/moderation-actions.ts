/**
 * Moderation actions outside a queue decision: lock, pin, highlight, move a topic, hide a
 * post, suspend an account, send a topic or reply to the inbox. Moderators never edit an
 * owner's words; each action is recorded with who, when and why.
 */
import { and, eq, sql } from 'drizzle-orm';
import { forumAccounts, forumBoards, forumModerationHistory, forumModerationItems, forumPosts, forumTopics } from '../../../db/schema/index.js';
import type { ForumPostRaw } from '../../../channels/forum/normalize.js';
import type { Principal } from '../../domain/permissions.js';
import type { StoredEvent } from '../ports.js';
import type { ForumDeps } from './deps.js';
import { moderationEvent, topicEvent } from './events.js';
import { ForumInvalid, ForumNotFound, requireAction } from './moderation-access.js';
import { postRaw } from './triage.js';

export type TopicFlag = 'locked' | 'pinned' | 'highlighted';
const ACTION_OF: Record<TopicFlag, 'lock' | 'pin' | 'highlight'> = { locked: 'lock', pinned: 'pin', highlighted: 'highlight' };

async function topicRow(deps: ForumDeps, topicId: string) {
  const [t] = await deps.db.select().from(forumTopics).where(eq(forumTopics.id, topicId));
  if (!t) throw new ForumNotFound('no such topic');
  return t;
}

export async function setTopicFlag(deps: ForumDeps, user: Principal, topicId: string, flag: TopicFlag, value: boolean, reason: string | null): Promise<void> {
  const t = await topicRow(deps, topicId);
  await requireAction(deps.db, user, ACTION_OF[flag], t.boardId);
  if (t[flag] === value) return;
  const published: StoredEvent[] = [];
  await deps.db.transaction(async (tx) => {
    await tx.update(forumTopics).set({ [flag]: value }).where(eq(forumTopics.id, topicId));
    const action = `${value ? '' : 'un'}${flag}`;
    await tx.insert(forumModerationHistory).values({ topicId, actorUserId: user.id, action, reason, createdAt: deps.clock.now() });
    published.push(await topicEvent(tx, deps, topicId));
  });
  deps.bus.publish(published);
}

export async function moveTopic(deps: ForumDeps, user: Principal, topicId: string, boardId: string, reason: string | null): Promise<void> {
  const t = await topicRow(deps, topicId);
  await requireAction(deps.db, user, 'move', t.boardId);
  const [to] = await deps.db.select({ id: forumBoards.id }).from(forumBoards).where(eq(forumBoards.id, boardId));
  if (!to) throw new ForumInvalid('no such board');
  if (t.boardId === boardId) return;
  const published: StoredEvent[] = [];
  await deps.db.transaction(async (tx) => {
    // Pins and highlights belong to the old board's moderators; they do not travel.
    await tx.update(forumTopics).set({ boardId, pinned: false, highlighted: false }).where(eq(forumTopics.id, topicId));
    await tx.insert(forumModerationHistory).values({ topicId, actorUserId: user.id, action: 'moved', reason, detail: { from: t.boardId, to: boardId }, createdAt: deps.clock.now() });
    published.push(await topicEvent(tx, deps, topicId));
  });
  deps.bus.publish(published);
}

/** Hides a visible post with a reason the author sees, closing any open items on it. */
export async function hidePost(deps: ForumDeps, user: Principal, postId: string, reason: string): Promise<void> {
  if (!reason.trim()) throw new ForumInvalid('hiding needs a reason the author will see');
  const [row] = await deps.db.select({ p: forumPosts, boardId: forumTopics.boardId }).from(forumPosts).innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId)).where(eq(forumPosts.id, postId));
  if (!row) throw new ForumNotFound('no such post');
  await requireAction(deps.db, user, 'hide', row.boardId);
  if (row.p.staffUserId) throw new ForumInvalid('staff replies are withdrawn in the inbox, not hidden here');
  const published: StoredEvent[] = [];
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [post] = await tx.select().from(forumPosts).where(eq(forumPosts.id, postId)).for('update');
    if (!post || post.status === 'hidden') return;
    await tx.update(forumPosts).set({ status: 'hidden', hiddenReason: reason.trim() }).where(eq(forumPosts.id, postId));
    if (post.isFirst) await tx.update(forumTopics).set({ status: 'hidden' }).where(eq(forumTopics.id, post.topicId));
    else if (post.status === 'visible') await tx.update(forumTopics).set({ replyCount: sql`greatest(${forumTopics.replyCount} - 1, 0)` }).where(eq(forumTopics.id, post.topicId));
    const closed = await tx
      .update(forumModerationItems)
      .set({ state: 'rejected', decidedBy: user.id, decidedAt: now, decisionReason: reason.trim(), updatedAt: now })
      .where(and(eq(forumModerationItems.postId, postId), eq(forumModerationItems.state, 'pending')))
      .returning();
    for (const c of closed) published.push(await moderationEvent(tx, deps, { id: c.id, state: c.state, kind: c.kind, claimedBy: c.claimedBy }));
    await tx.insert(forumModerationHistory).values({ postId, topicId: post.topicId, actorUserId: user.id, action: 'hidden', reason: reason.trim(), createdAt: now });
    published.push(await topicEvent(tx, deps, post.topicId));
  });
  deps.bus.publish(published);
}

/** Suspends an owner from posting for `days` days (0 lifts a suspension). */
export async function suspendAccount(deps: ForumDeps, user: Principal, accountId: string, days: number, reason: string | null): Promise<Date | null> {
  await requireAction(deps.db, user, 'suspend', null);
  if (days > 0 && !reason?.trim()) throw new ForumInvalid('a suspension needs a reason the owner will see');
  const until = days > 0 ? new Date(deps.clock.now().getTime() + days * 86_400_000) : null;
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(forumAccounts)
      .set({ suspendedUntil: until, suspendReason: until ? reason?.trim() ?? null : null })
      .where(eq(forumAccounts.id, accountId))
      .returning({ id: forumAccounts.id });
    if (rows.length === 0) throw new ForumNotFound('no such forum account');
    await tx.insert(forumModerationHistory).values({
      accountId,
      actorUserId: user.id,
      action: until ? 'suspended' : 'unsuspended',
      reason: reason?.trim() || null,
      detail: until ? { days, until: until.toISOString() } : {},
      createdAt: deps.clock.now(),
    });
  });
  return until;
}

/** Marks a post for the inbox and returns it raw; the caller normalizes and ingests it. */
export async function sendPostToInbox(deps: ForumDeps, user: Principal, postId: string): Promise<ForumPostRaw> {
  const [row] = await deps.db
    .select({ p: forumPosts, t: forumTopics, boardName: forumBoards.name, a: forumAccounts })
    .from(forumPosts)
    .innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId))
    .innerJoin(forumBoards, eq(forumBoards.id, forumTopics.boardId))
    .leftJoin(forumAccounts, eq(forumAccounts.id, forumPosts.accountId))
    .where(eq(forumPosts.id, postId));
  if (!row) throw new ForumNotFound('no such post');
  if (!row.a) throw new ForumInvalid('only owners’ posts go to the inbox');
  await requireAction(deps.db, user, 'to_inbox', row.t.boardId);
  await deps.db.transaction(async (tx) => {
    await tx.update(forumPosts).set({ toInbox: true }).where(eq(forumPosts.id, postId));
    await tx.insert(forumModerationHistory).values({ postId, topicId: row.t.id, actorUserId: user.id, action: 'sent_to_inbox', createdAt: deps.clock.now() });
  });
  return postRaw(deps, row.p, row.t, row.boardName, row.a);
}

/**
 * An official topic by staff (社区公告 and the like): published at once with the staff badge.
 * Board moderators post on their boards, forum admins anywhere.
 */
export async function createStaffTopic(deps: ForumDeps, user: Principal, input: { boardId: string; title: string; body: string }): Promise<{ topicId: string }> {
  const [board] = await deps.db.select({ id: forumBoards.id }).from(forumBoards).where(eq(forumBoards.id, input.boardId));
  if (!board) throw new ForumNotFound('no such board');
  await requireAction(deps.db, user, 'lock', board.id);
  const published: StoredEvent[] = [];
  const topicId = await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [topic] = await tx.insert(forumTopics).values({ boardId: board.id, staffUserId: user.id, title: input.title, status: 'visible', lastPostAt: now, createdAt: now }).returning({ id: forumTopics.id });
    if (!topic) throw new Error('topic insert returned nothing');
    await tx.insert(forumPosts).values({ topicId: topic.id, staffUserId: user.id, body: input.body, status: 'visible', isFirst: true, createdAt: now });
    await tx.insert(forumModerationHistory).values({ topicId: topic.id, actorUserId: user.id, action: 'staff_topic', createdAt: now });
    published.push(await topicEvent(tx, deps, topic.id));
    return topic.id;
  });
  deps.bus.publish(published);
  return { topicId };
}
