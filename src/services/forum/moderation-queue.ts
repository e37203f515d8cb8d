/**
 * The review queue: new owners' held posts, owners' flags, word-list catches. Items are
 * claimed by one moderator at a time and decided once; every step lands in the history.
 * Board moderators see and decide items of their own boards, forum admins all of them.
 */
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  forumAccounts,
  forumBoards,
  forumModerationHistory,
  forumModerationItems,
  forumPosts,
  forumTopics,
  forumUploads,
  users,
} from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Principal } from '../../domain/permissions.js';
import { isForumAdmin, type ForumAction } from '../../domain/forum/roles.js';
import { decisionAllowed, postStatusAfter, stateAfter, type ModerationDecision, type ModerationState } from '../../domain/forum/moderation.js';
import type { StoredEvent } from '../ports.js';
import type { ForumDeps } from './deps.js';
import { moderationEvent, topicEvent } from './events.js';
import { allowedActions, ForumConflict, ForumInvalid, ForumNotFound, requireAction } from './moderation-access.js';
import { boardsModeratedBy } from './boards.js';
import { notifyReply } from './notify.js';

const claimer = alias(users, 'claimer');
const decider = alias(users, 'decider');

function itemQuery(db: Db) {
  return db
    .select({
      i: forumModerationItems,
      p: forumPosts,
      t: forumTopics,
      b: forumBoards,
      a: forumAccounts,
      claimerName: claimer.name,
      deciderName: decider.name,
    })
    .from(forumModerationItems)
    .innerJoin(forumPosts, eq(forumPosts.id, forumModerationItems.postId))
    .innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId))
    .innerJoin(forumBoards, eq(forumBoards.id, forumTopics.boardId))
    .leftJoin(forumAccounts, eq(forumAccounts.id, forumPosts.accountId))
    .leftJoin(claimer, eq(claimer.id, forumModerationItems.claimedBy))
    .leftJoin(decider, eq(decider.id, forumModerationItems.decidedBy));
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemQuery>['where']>>[number];

export interface QueueItemView {
  id: string;
  kind: string;
  state: ModerationState;
  reasons: string[];
  createdAt: string;
  updatedAt: string;
  claimedBy: { id: string; name: string } | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string | null;
  decisionReason: string | null;
  post: { id: string; body: string; status: string; hiddenReason: string | null; isFirst: boolean; createdAt: string; images: { id: string; width: number; height: number }[] };
  topic: { id: string; title: string; status: string; locked: boolean; pinned: boolean; highlighted: boolean };
  board: { id: string; slug: string; name: string; nameEn: string };
  author: { accountId: string; displayName: string; suspendedUntil: string | null; suspendReason: string | null; approvedPosts: number } | null;
}

function toView(r: ItemRow, images: QueueItemView['post']['images'] = []): QueueItemView {
  return {
    id: r.i.id,
    kind: r.i.kind,
    state: r.i.state,
    reasons: r.i.reasons,
    createdAt: r.i.createdAt.toISOString(),
    updatedAt: r.i.updatedAt.toISOString(),
    claimedBy: r.i.claimedBy ? { id: r.i.claimedBy, name: r.claimerName ?? '' } : null,
    decidedBy: r.i.decidedBy ? { id: r.i.decidedBy, name: r.deciderName ?? '' } : null,
    decidedAt: r.i.decidedAt?.toISOString() ?? null,
    decisionReason: r.i.decisionReason,
    post: { id: r.p.id, body: r.p.body, status: r.p.status, hiddenReason: r.p.hiddenReason, isFirst: r.p.isFirst, createdAt: r.p.createdAt.toISOString(), images },
    topic: { id: r.t.id, title: r.t.title, status: r.t.status, locked: r.t.locked, pinned: r.t.pinned, highlighted: r.t.highlighted },
    board: { id: r.b.id, slug: r.b.slug, name: r.b.name, nameEn: r.b.nameEn },
    author: r.a
      ? { accountId: r.a.id, displayName: r.a.displayName, suspendedUntil: r.a.suspendedUntil?.toISOString() ?? null, suspendReason: r.a.suspendReason, approvedPosts: r.a.approvedPosts }
      : null,
  };
}

/** The boards whose items this user sees: null means every board (forum admins). */
async function scope(db: Db, user: Principal): Promise<string[] | null> {
  return isForumAdmin(user) ? null : boardsModeratedBy(db, user.id);
}

export async function listQueue(
  db: Db,
  user: Principal,
  f: { state: ModerationState | 'all'; before?: string; limit: number },
): Promise<{ data: QueueItemView[]; nextBefore: string | null }> {
  const boards = await scope(db, user);
  if (boards && boards.length === 0) return { data: [], nextBefore: null };
  const where: SQL[] = [];
  if (f.state !== 'all') where.push(eq(forumModerationItems.state, f.state));
  if (boards) where.push(inArray(forumTopics.boardId, boards));
  if (f.before) where.push(lt(forumModerationItems.createdAt, new Date(f.before)));
  // Oldest pending first (a queue); decided items newest first (a log).
  const order = f.state === 'pending' ? [asc(forumModerationItems.createdAt), asc(forumModerationItems.id)] : [desc(forumModerationItems.createdAt), desc(forumModerationItems.id)];
  const rows = await itemQuery(db).where(and(...where)).orderBy(...order).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { data: page.map((r) => toView(r)), nextBefore: rows.length > f.limit && last && f.state !== 'pending' ? last.i.createdAt.toISOString() : null };
}

export interface HistoryEntry {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  owner: { id: string; name: string } | null;
  reason: string | null;
  detail: Record<string, unknown>;
  createdAt: string;
}

export interface QueueItemDetail extends QueueItemView {
  history: HistoryEntry[];
  allowed: Record<ForumAction, boolean>;
}

export async function getItem(db: Db, user: Principal, id: string): Promise<QueueItemDetail> {
  const [row] = await itemQuery(db).where(eq(forumModerationItems.id, id));
  const boards = await scope(db, user);
  if (!row || (boards && !boards.includes(row.b.id))) throw new ForumNotFound('no such review item');
  const images = await db
    .select({ id: forumUploads.id, width: forumUploads.width, height: forumUploads.height })
    .from(forumUploads)
    .where(eq(forumUploads.postId, row.p.id));
  // The item's own steps and the actions on its post, topic and author since, oldest first.
  const actor = alias(users, 'actor');
  const history = await db
    .select({ h: forumModerationHistory, actorName: actor.name, ownerName: forumAccounts.displayName })
    .from(forumModerationHistory)
    .leftJoin(actor, eq(actor.id, forumModerationHistory.actorUserId))
    .leftJoin(forumAccounts, eq(forumAccounts.id, forumModerationHistory.accountId))
    .where(
      or(
        eq(forumModerationHistory.itemId, id),
        eq(forumModerationHistory.postId, row.p.id),
        and(eq(forumModerationHistory.topicId, row.t.id), sql`${forumModerationHistory.postId} is null`),
        row.a ? and(eq(forumModerationHistory.accountId, row.a.id), eq(forumModerationHistory.action, 'suspended')) : sql`false`,
      ),
    )
    .orderBy(asc(forumModerationHistory.createdAt), asc(forumModerationHistory.id));
  return {
    ...toView(row, images),
    history: history.map((h) => ({
      id: h.h.id,
      action: h.h.action,
      actor: h.h.actorUserId ? { id: h.h.actorUserId, name: h.actorName ?? '' } : null,
      // Owners act too (a report); staff actions name the owner they concern.
      owner: h.h.accountId ? { id: h.h.accountId, name: h.ownerName ?? '' } : null,
      reason: h.h.reason,
      detail: h.h.detail,
      createdAt: h.h.createdAt.toISOString(),
    })),
    allowed: await allowedActions(db, user, row.b.id),
  };
}

async function boardOfItem(db: Db, id: string): Promise<string> {
  const [row] = await db
    .select({ boardId: forumTopics.boardId })
    .from(forumModerationItems)
    .innerJoin(forumPosts, eq(forumPosts.id, forumModerationItems.postId))
    .innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId))
    .where(eq(forumModerationItems.id, id));
  if (!row) throw new ForumNotFound('no such review item');
  return row.boardId;
}

export async function claimItem(deps: ForumDeps, user: Principal, id: string, claim: boolean): Promise<void> {
  await requireAction(deps.db, user, 'review', await boardOfItem(deps.db, id));
  const published: StoredEvent[] = [];
  await deps.db.transaction(async (tx) => {
    const [item] = await tx.select().from(forumModerationItems).where(eq(forumModerationItems.id, id)).for('update');
    if (!item) throw new ForumNotFound('no such review item');
    if (item.state !== 'pending') throw new ForumConflict('this item is already decided');
    const heldByOther = item.claimedBy !== null && item.claimedBy !== user.id;
    // Only the holder releases a claim, except a forum admin clearing one left behind.
    if (heldByOther && (claim || !isForumAdmin(user))) throw new ForumConflict('another moderator has claimed this item');
    if (claim === (item.claimedBy === user.id)) return;
    const now = deps.clock.now();
    const [next] = await tx
      .update(forumModerationItems)
      .set({ claimedBy: claim ? user.id : null, claimedAt: claim ? now : null, updatedAt: now })
      .where(eq(forumModerationItems.id, id))
      .returning();
    if (!next) return;
    await tx.insert(forumModerationHistory).values({ itemId: id, postId: item.postId, actorUserId: user.id, action: claim ? 'claimed' : 'released', createdAt: now });
    published.push(await moderationEvent(tx, deps, { id, state: next.state, kind: next.kind, claimedBy: next.claimedBy }));
  });
  deps.bus.publish(published);
}

/**
 * Decides an item, and with it every other pending item on the same post (a held post that
 * also hit the word list is one decision). A rejection needs a reason: the author sees it.
 */
export async function decideItem(deps: ForumDeps, user: Principal, id: string, decision: ModerationDecision, reason: string | null): Promise<void> {
  if (decision === 'reject' && !reason?.trim()) throw new ForumInvalid('a rejection needs a reason the author will see');
  await requireAction(deps.db, user, 'review', await boardOfItem(deps.db, id));
  const published: StoredEvent[] = [];
  let notifyPostId: string | null = null;
  await deps.db.transaction(async (tx) => {
    const [item] = await tx.select().from(forumModerationItems).where(eq(forumModerationItems.id, id)).for('update');
    if (!item) throw new ForumNotFound('no such review item');
    const next = stateAfter(item.state, decision);
    if (!next) throw new ForumConflict('this item is already decided');
    if (item.claimedBy && item.claimedBy !== user.id) throw new ForumConflict('another moderator has claimed this item');
    if (!decisionAllowed(item.kind, decision)) throw new ForumInvalid('a held post is approved or rejected, not ignored');
    const [post] = await tx.select().from(forumPosts).where(eq(forumPosts.id, item.postId)).for('update');
    if (!post) throw new ForumNotFound('the post is gone');
    const now = deps.clock.now();
    const decided = await tx
      .update(forumModerationItems)
      .set({ state: next, decidedBy: user.id, decidedAt: now, decisionReason: reason?.trim() || null, claimedBy: user.id, updatedAt: now })
      .where(and(eq(forumModerationItems.postId, post.id), eq(forumModerationItems.state, 'pending')))
      .returning();
    for (const d of decided) {
      await tx.insert(forumModerationHistory).values({ itemId: d.id, postId: post.id, topicId: post.topicId, actorUserId: user.id, action: `decided.${decision}`, reason: reason?.trim() || null, createdAt: now });
      published.push(await moderationEvent(tx, deps, { id: d.id, state: d.state, kind: d.kind, claimedBy: d.claimedBy }));
    }
    const status = postStatusAfter(item.kind, decision, post.status);
    if (status === post.status) return;
    await tx.update(forumPosts).set({ status, hiddenReason: status === 'hidden' ? reason?.trim() ?? null : post.hiddenReason }).where(eq(forumPosts.id, post.id));
    if (status === 'visible' && post.accountId) {
      await tx.update(forumAccounts).set({ approvedPosts: sql`${forumAccounts.approvedPosts} + 1` }).where(eq(forumAccounts.id, post.accountId));
    }
    if (post.isFirst) {
      await tx.update(forumTopics).set({ status }).where(eq(forumTopics.id, post.topicId));
    } else {
      const delta = status === 'visible' ? 1 : post.status === 'visible' ? -1 : 0;
      if (delta !== 0) {
        await tx
          .update(forumTopics)
          .set({ replyCount: sql`greatest(${forumTopics.replyCount} + ${delta}, 0)`, ...(delta > 0 ? { lastPostAt: sql`greatest(${forumTopics.lastPostAt}, ${post.createdAt.toISOString()}::timestamptz)` } : {}) })
          .where(eq(forumTopics.id, post.topicId));
      }
      if (status === 'visible') notifyPostId = post.id;
    }
    published.push(await topicEvent(tx, deps, post.topicId));
  });
  deps.bus.publish(published);
  if (notifyPostId) await notifyReply(deps, notifyPostId);
}
