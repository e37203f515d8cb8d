/**
 * What owners read: topic lists, a topic's posts, search, "my topics", private threads and
 * images. Others' pending and hidden posts never leave here; the author sees their own, with
 * the moderators' reason.
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { forumAccounts, forumBoards, forumPosts, forumPrivateMessages, forumTopics, forumUploads, users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { ForumViewer, PostView, PrivateThreadView, SearchHit, TopicPage, TopicSummary } from '../../../channels/forum/port.js';
import { boardBySlug, listBoards } from './boards.js';

interface Page {
  offset: number;
  limit: number;
}

const topicAuthor = alias(forumAccounts, 'topic_author');
const topicStaff = alias(users, 'topic_staff');
const firstPost = alias(forumPosts, 'first_post');

function summaryQuery(db: Db) {
  return db
    .select({
      t: forumTopics,
      boardSlug: forumBoards.slug,
      boardName: forumBoards.name,
      boardNameEn: forumBoards.nameEn,
      authorName: topicAuthor.displayName,
      staffName: topicStaff.name,
      hiddenReason: firstPost.hiddenReason,
    })
    .from(forumTopics)
    .innerJoin(forumBoards, eq(forumBoards.id, forumTopics.boardId))
    .leftJoin(topicAuthor, eq(topicAuthor.id, forumTopics.accountId))
    .leftJoin(topicStaff, eq(topicStaff.id, forumTopics.staffUserId))
    .leftJoin(firstPost, and(eq(firstPost.topicId, forumTopics.id), eq(firstPost.isFirst, true)));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['where']>>[number];

function toSummary(r: SummaryRow): TopicSummary {
  const staff = r.t.staffUserId !== null;
  return {
    id: r.t.id,
    boardSlug: r.boardSlug,
    boardName: r.boardName,
    boardNameEn: r.boardNameEn,
    title: r.t.title,
    author: { name: staff ? (r.staffName ?? '') : (r.authorName ?? ''), staff, accountId: r.t.accountId },
    status: r.t.status,
    pinned: r.t.pinned,
    highlighted: r.t.highlighted,
    locked: r.t.locked,
    replyCount: r.t.replyCount,
    lastPostAt: r.t.lastPostAt,
    createdAt: r.t.createdAt,
    hiddenReason: r.t.status === 'hidden' ? r.hiddenReason : null,
  };
}

export async function listTopics(db: Db, boardId: string, page: Page): Promise<{ topics: TopicSummary[]; total: number }> {
  const where = and(eq(forumTopics.boardId, boardId), eq(forumTopics.status, 'visible'));
  const [rows, [total]] = await Promise.all([
    summaryQuery(db).where(where).orderBy(desc(forumTopics.pinned), desc(forumTopics.lastPostAt), desc(forumTopics.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(forumTopics).where(where),
  ]);
  return { topics: rows.map(toSummary), total: total?.n ?? 0 };
}

export async function myTopics(db: Db, accountId: string, page: Page): Promise<{ topics: TopicSummary[]; total: number }> {
  const where = eq(forumTopics.accountId, accountId);
  const [rows, [total]] = await Promise.all([
    summaryQuery(db).where(where).orderBy(desc(forumTopics.createdAt), desc(forumTopics.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(forumTopics).where(where),
  ]);
  return { topics: rows.map(toSummary), total: total?.n ?? 0 };
}

function postVisibleTo(viewer: ForumViewer | null): SQL {
  return viewer ? (or(eq(forumPosts.status, 'visible'), eq(forumPosts.accountId, viewer.accountId)) as SQL) : eq(forumPosts.status, 'visible');
}

function topicVisibleTo(t: typeof forumTopics.$inferSelect, viewer: ForumViewer | null): boolean {
  return t.status === 'visible' || (viewer !== null && t.accountId === viewer.accountId);
}

const postAuthor = alias(forumAccounts, 'post_author');
const postStaff = alias(users, 'post_staff');

async function loadPosts(db: Db, where: SQL, page: Page): Promise<PostView[]> {
  const rows = await db
    .select({ p: forumPosts, authorName: postAuthor.displayName, staffName: postStaff.name })
    .from(forumPosts)
    .leftJoin(postAuthor, eq(postAuthor.id, forumPosts.accountId))
    .leftJoin(postStaff, eq(postStaff.id, forumPosts.staffUserId))
    .where(where)
    .orderBy(asc(forumPosts.createdAt), asc(forumPosts.id))
    .limit(page.limit)
    .offset(page.offset);
  const ids = rows.map((r) => r.p.id);
  const images = ids.length
    ? await db
        .select({ id: forumUploads.id, postId: forumUploads.postId, width: forumUploads.width, height: forumUploads.height })
        .from(forumUploads)
        .where(inArray(forumUploads.postId, ids))
        .orderBy(asc(forumUploads.createdAt))
    : [];
  return rows.map((r) => {
    const staff = r.p.staffUserId !== null;
    return {
      id: r.p.id,
      topicId: r.p.topicId,
      author: { name: staff ? (r.staffName ?? '') : (r.authorName ?? ''), staff, accountId: r.p.accountId },
      body: r.p.body,
      status: r.p.status,
      hiddenReason: r.p.hiddenReason,
      isFirst: r.p.isFirst,
      createdAt: r.p.createdAt,
      images: images.filter((i) => i.postId === r.p.id).map((i) => ({ id: i.id, width: i.width, height: i.height })),
    };
  });
}

export async function topicPage(db: Db, topicId: string, page: Page, viewer: ForumViewer | null): Promise<TopicPage | null> {
  const [row] = await summaryQuery(db).where(eq(forumTopics.id, topicId));
  if (!row || !topicVisibleTo(row.t, viewer)) return null;
  const board = await boardBySlug(db, row.boardSlug);
  if (!board) return null;
  const where = and(eq(forumPosts.topicId, topicId), postVisibleTo(viewer)) as SQL;
  const [posts, [total]] = await Promise.all([loadPosts(db, where, page), db.select({ n: count() }).from(forumPosts).where(where)]);
  return { topic: toSummary(row), board, posts, totalPosts: total?.n ?? 0 };
}

export async function pageOfPost(db: Db, topicId: string, postId: string, pageSize: number): Promise<number> {
  const [target] = await db.select({ at: forumPosts.createdAt }).from(forumPosts).where(eq(forumPosts.id, postId));
  if (!target) return 1;
  // Counted among every post the author can see; a held post sits where it will appear.
  const [before] = await db
    .select({ n: count() })
    .from(forumPosts)
    .where(and(eq(forumPosts.topicId, topicId), sql`(${forumPosts.createdAt}, ${forumPosts.id}) < (${target.at.toISOString()}::timestamptz, ${postId}::uuid)`));
  return Math.floor((before?.n ?? 0) / pageSize) + 1;
}

export async function postForQuote(db: Db, postId: string, viewer: ForumViewer | null): Promise<PostView | null> {
  const [post] = await loadPosts(db, and(eq(forumPosts.id, postId), postVisibleTo(viewer)) as SQL, { offset: 0, limit: 1 });
  return post ?? null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function search(db: Db, query: string, page: Page): Promise<{ hits: SearchHit[]; total: number }> {
  const q = query.trim().slice(0, 100);
  if (!q) return { hits: [], total: 0 };
  const pattern = `%${escapeLike(q)}%`;
  const where = and(
    eq(forumPosts.status, 'visible'),
    eq(forumTopics.status, 'visible'),
    or(ilike(forumPosts.body, pattern), and(eq(forumPosts.isFirst, true), ilike(forumTopics.title, pattern))),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ postId: forumPosts.id, topicId: forumPosts.topicId, body: forumPosts.body })
      .from(forumPosts)
      .innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId))
      .where(where)
      .orderBy(desc(forumPosts.createdAt), desc(forumPosts.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(forumPosts).innerJoin(forumTopics, eq(forumTopics.id, forumPosts.topicId)).where(where),
  ]);
  const topicIds = [...new Set(rows.map((r) => r.topicId))];
  const summaries = topicIds.length ? (await summaryQuery(db).where(inArray(forumTopics.id, topicIds))).map(toSummary) : [];
  const hits = rows.flatMap((r) => {
    const topic = summaries.find((s) => s.id === r.topicId);
    return topic ? [{ topic, excerpt: r.body, postId: r.postId }] : [];
  });
  return { hits, total: total?.n ?? 0 };
}

export async function privateThreads(db: Db, accountId: string): Promise<PrivateThreadView[]> {
  const rows = await db
    .select({ m: forumPrivateMessages, staffName: users.name, topicTitle: forumTopics.title })
    .from(forumPrivateMessages)
    .leftJoin(users, eq(users.id, forumPrivateMessages.staffUserId))
    .leftJoin(forumTopics, eq(forumTopics.id, forumPrivateMessages.topicId))
    .where(eq(forumPrivateMessages.accountId, accountId))
    .orderBy(asc(forumPrivateMessages.createdAt), asc(forumPrivateMessages.id))
    .limit(1000);
  const threads = new Map<string, PrivateThreadView>();
  for (const r of rows) {
    // A message not yet in the inbox (a moment after sending) has no conversation yet.
    const key = r.m.conversationId ?? '';
    const thread = threads.get(key) ?? { conversationId: key, topic: null, messages: [] };
    if (r.m.topicId && r.topicTitle !== null) thread.topic = { id: r.m.topicId, title: r.topicTitle };
    thread.messages.push({ id: r.m.id, direction: r.m.direction, body: r.m.body, staffName: r.staffName, createdAt: r.m.createdAt });
    threads.set(key, thread);
  }
  const last = (t: PrivateThreadView) => t.messages[t.messages.length - 1]?.createdAt.getTime() ?? 0;
  return [...threads.values()].sort((a, b) => last(b) - last(a));
}

/** An image is public once its post is; before that only its uploader sees it. */
export async function image(db: Db, id: string, viewer: ForumViewer | null): Promise<{ mimeType: string; data: Uint8Array } | null> {
  const [row] = await db
    .select({ mimeType: forumUploads.mimeType, data: forumUploads.data, accountId: forumUploads.accountId, status: forumPosts.status })
    .from(forumUploads)
    .innerJoin(forumPosts, eq(forumPosts.id, forumUploads.postId))
    .where(eq(forumUploads.id, id));
  if (!row) return null;
  if (row.status !== 'visible' && !(viewer && row.accountId === viewer.accountId)) return null;
  return { mimeType: row.mimeType, data: row.data };
}

export { listBoards, boardBySlug };

/** Any forum image, for staff reviewing a held post (the route checks who asks). */
export async function imageForStaff(db: Db, id: string): Promise<{ mimeType: string; data: Uint8Array } | null> {
  const [row] = await db.select({ mimeType: forumUploads.mimeType, data: forumUploads.data }).from(forumUploads).where(eq(forumUploads.id, id));
  return row ?? null;
}
