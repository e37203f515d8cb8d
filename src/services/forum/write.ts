/**
 * Owners writing: topics, replies, flags and private messages. Each post is screened in the
 * same transaction that stores it (pre-moderation of new owners, the word list); a held post
 * waits in the review queue. Posts that belong in the inbox come back as raw items for the
 * caller to normalize and ingest after the commit (see triage.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { forumAccounts, forumBoards, forumFlags, forumModerationHistory, forumModerationItems, forumPosts, forumPrivateMessages, forumTopics, forumUploads } from '../../../db/schema/index.js';
import type { CheckedImage, ForumViewer, PostStatus, WriteError } from '../../../channels/forum/port.js';
import type { ForumPostRaw, ForumPrivateRaw } from '../../../channels/forum/normalize.js';
import { topicThreadKey } from '../../domain/forum/thread-keys.js';
import { matchWordList, needsPremoderation, type ModerationKind } from '../../domain/forum/moderation.js';
import type { StoredEvent, Tx } from '../ports.js';
import type { ForumDeps } from './deps.js';
import { moderationEvent } from './events.js';
import { notifyReply } from './notify.js';
import { getForumSettings } from './settings.js';

type Fail = { ok: false; error: WriteError };
const fail = (error: WriteError): Fail => ({ ok: false, error });

export function isSuspended(v: Pick<ForumViewer, 'suspendedUntil'>, now: Date): boolean {
  return v.suspendedUntil !== null && v.suspendedUntil.getTime() > now.getTime();
}

interface Screening {
  status: PostStatus;
  items: { kind: ModerationKind; reasons: string[] }[];
}

async function screen(tx: Tx, accountId: string, text: string): Promise<Screening> {
  const settings = await getForumSettings(tx);
  const [account] = await tx.select({ approved: forumAccounts.approvedPosts }).from(forumAccounts).where(eq(forumAccounts.id, accountId));
  const items: Screening['items'] = [];
  if (needsPremoderation(account?.approved ?? 0, settings.premoderationThreshold)) items.push({ kind: 'first_post', reasons: [] });
  const words = matchWordList(text, settings.wordList);
  if (words.length > 0) items.push({ kind: 'word', reasons: words });
  return { status: items.length > 0 ? 'pending' : 'visible', items };
}

/** Stores a post with its images and queue items; returns the events to publish. */
async function storePost(
  deps: ForumDeps,
  tx: Tx,
  p: { topicId: string; accountId: string; body: string; isFirst: boolean; toInbox: boolean; images: CheckedImage[]; screening: Screening },
): Promise<{ postId: string; events: StoredEvent[] }> {
  const now = deps.clock.now();
  const [post] = await tx
    .insert(forumPosts)
    .values({ topicId: p.topicId, accountId: p.accountId, body: p.body, status: p.screening.status, isFirst: p.isFirst, toInbox: p.toInbox, createdAt: now })
    .returning({ id: forumPosts.id });
  if (!post) throw new Error('post insert returned nothing');
  for (const img of p.images) {
    await tx.insert(forumUploads).values({ accountId: p.accountId, postId: post.id, mimeType: img.mimeType, size: img.data.byteLength, width: img.width, height: img.height, data: img.data });
  }
  const events: StoredEvent[] = [];
  for (const it of p.screening.items) {
    const [item] = await tx.insert(forumModerationItems).values({ postId: post.id, kind: it.kind, reasons: it.reasons, createdAt: now, updatedAt: now }).returning();
    if (!item) continue;
    await tx.insert(forumModerationHistory).values({ itemId: item.id, postId: post.id, topicId: p.topicId, accountId: p.accountId, action: `queued.${it.kind}`, detail: { reasons: it.reasons }, createdAt: now });
    events.push(await moderationEvent(tx, deps, { id: item.id, state: item.state, kind: item.kind, claimedBy: null }));
  }
  if (p.screening.status === 'visible') {
    await tx.update(forumAccounts).set({ approvedPosts: sql`${forumAccounts.approvedPosts} + 1` }).where(eq(forumAccounts.id, p.accountId));
  }
  return { postId: post.id, events };
}

export type CreatedPost = { ok: true; topicId: string; postId: string; status: PostStatus; raw: ForumPostRaw | null };

export async function createTopic(
  deps: ForumDeps,
  viewer: ForumViewer,
  input: { boardId: string; title: string; body: string; images: CheckedImage[] },
): Promise<CreatedPost | Fail> {
  if (isSuspended(viewer, deps.clock.now())) return fail('suspended');
  const published: StoredEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    const [board] = await tx.select().from(forumBoards).where(eq(forumBoards.id, input.boardId));
    if (!board) return fail('not_found');
    if (board.staffOnlyTopics) return fail('staff_only');
    const screening = await screen(tx, viewer.accountId, `${input.title}\n${input.body}`);
    const now = deps.clock.now();
    const [topic] = await tx
      .insert(forumTopics)
      .values({ boardId: board.id, accountId: viewer.accountId, title: input.title, status: screening.status, lastPostAt: now, createdAt: now })
      .returning({ id: forumTopics.id });
    if (!topic) throw new Error('topic insert returned nothing');
    const stored = await storePost(deps, tx, { topicId: topic.id, accountId: viewer.accountId, body: input.body, isFirst: true, toInbox: board.isService, images: input.images, screening });
    published.push(...stored.events);
    const raw: ForumPostRaw | null = board.isService
      ? { kind: 'post', postId: stored.postId, topicId: topic.id, topicTitle: input.title, boardName: board.name, isFirst: true, body: input.body, author: authorOf(viewer), imageCount: input.images.length, createdAt: now }
      : null;
    return { ok: true as const, topicId: topic.id, postId: stored.postId, status: screening.status, raw };
  });
  deps.bus.publish(published);
  return result;
}

const authorOf = (v: ForumViewer) => ({ accountId: v.accountId, displayName: v.displayName, email: v.email });

export async function reply(
  deps: ForumDeps,
  viewer: ForumViewer,
  input: { topicId: string; body: string; images: CheckedImage[] },
): Promise<CreatedPost | Fail> {
  if (isSuspended(viewer, deps.clock.now())) return fail('suspended');
  const published: StoredEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ t: forumTopics, board: forumBoards })
      .from(forumTopics)
      .innerJoin(forumBoards, eq(forumBoards.id, forumTopics.boardId))
      .where(eq(forumTopics.id, input.topicId))
      .for('update', { of: forumTopics });
    if (!row || (row.t.status !== 'visible' && row.t.accountId !== viewer.accountId)) return fail('not_found');
    if (row.t.locked) return fail('locked');
    const screening = await screen(tx, viewer.accountId, input.body);
    // Later replies join the topic's conversation once the topic is in the inbox.
    const toInbox = row.t.conversationId !== null || row.board.isService;
    const stored = await storePost(deps, tx, { topicId: row.t.id, accountId: viewer.accountId, body: input.body, isFirst: false, toInbox, images: input.images, screening });
    published.push(...stored.events);
    const now = deps.clock.now();
    if (screening.status === 'visible') {
      await tx.update(forumTopics).set({ replyCount: sql`${forumTopics.replyCount} + 1`, lastPostAt: now }).where(eq(forumTopics.id, row.t.id));
    }
    const raw: ForumPostRaw | null = toInbox
      ? { kind: 'post', postId: stored.postId, topicId: row.t.id, topicTitle: row.t.title, boardName: row.board.name, isFirst: false, body: input.body, author: authorOf(viewer), imageCount: input.images.length, createdAt: now }
      : null;
    return { ok: true as const, topicId: row.t.id, postId: stored.postId, status: screening.status, raw };
  });
  deps.bus.publish(published);
  if (result.ok && result.status === 'visible') await notifyReply(deps, result.postId);
  return result;
}

/** An owner reports a post; further reports join the post's open flag item. */
export async function flag(deps: ForumDeps, viewer: ForumViewer, postId: string, reason: string): Promise<{ ok: true; topicId: string } | Fail> {
  const published: StoredEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    const [post] = await tx.select().from(forumPosts).where(and(eq(forumPosts.id, postId), eq(forumPosts.status, 'visible')));
    if (!post) return fail('not_found');
    const now = deps.clock.now();
    const [flagRow] = await tx.insert(forumFlags).values({ postId, accountId: viewer.accountId, reason, createdAt: now }).onConflictDoNothing().returning({ id: forumFlags.id });
    // A second flag by the same owner changes nothing.
    if (!flagRow) return { ok: true as const, topicId: post.topicId };
    await tx
      .insert(forumModerationItems)
      .values({ postId, kind: 'flag', reasons: [], createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: [forumModerationItems.postId, forumModerationItems.kind], where: sql`state = 'pending'` });
    const [item] = await tx
      .update(forumModerationItems)
      .set({ reasons: sql`${forumModerationItems.reasons} || ${JSON.stringify([reason])}::jsonb`, updatedAt: now })
      .where(and(eq(forumModerationItems.postId, postId), eq(forumModerationItems.kind, 'flag'), eq(forumModerationItems.state, 'pending')))
      .returning();
    if (!item) throw new Error('flag item vanished');
    await tx.insert(forumModerationHistory).values({ itemId: item.id, postId, topicId: post.topicId, accountId: viewer.accountId, action: 'flagged', reason, createdAt: now });
    published.push(await moderationEvent(tx, deps, { id: item.id, state: item.state, kind: item.kind, claimedBy: item.claimedBy }));
    return { ok: true as const, topicId: post.topicId };
  });
  deps.bus.publish(published);
  return result;
}

/**
 * "Message the service center": a new private thread, or a reply in one of the owner's
 * threads (their own, or a topic conversation where staff wrote to them privately).
 */
export async function sendPrivate(
  deps: ForumDeps,
  viewer: ForumViewer,
  input: { body: string; conversationId: string | null },
): Promise<{ ok: true; id: string; raw: ForumPrivateRaw } | Fail> {
  let threadKey: string | null = null;
  let topicId: string | null = null;
  if (input.conversationId) {
    const [mine] = await deps.db
      .select({ topicId: forumPrivateMessages.topicId })
      .from(forumPrivateMessages)
      .where(and(eq(forumPrivateMessages.accountId, viewer.accountId), eq(forumPrivateMessages.conversationId, input.conversationId)))
      .orderBy(sql`${forumPrivateMessages.topicId} is null`)
      .limit(1);
    if (!mine) return fail('not_found');
    // The same key the sweep derives (triage.ts): a topic's thread, or the owner's own.
    topicId = mine.topicId;
    threadKey = topicId ? topicThreadKey(topicId) : null;
  }
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(forumPrivateMessages)
    .values({ accountId: viewer.accountId, topicId, direction: 'in', body: input.body, createdAt: now })
    .returning({ id: forumPrivateMessages.id });
  if (!row) throw new Error('private message insert returned nothing');
  return { ok: true, id: row.id, raw: { kind: 'private', id: row.id, threadKey, body: input.body, author: authorOf(viewer), createdAt: now } };
}
