/** Boards: the four seeded ones, staff configuration, and the moderators appointed to each. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { forumBoardModerators, forumBoards, forumTopics, users } from '../../../db/schema/index.js';
import { ForumNotFound } from './moderation-access.js';
import type { Db } from '../../../db/client.js';
import type { BoardView } from '../../../channels/forum/port.js';
import type { Tx } from '../ports.js';

type Reader = Db | Tx;

export const SEED_BOARDS = [
  { slug: 'repairs', name: '报修', nameEn: 'Repairs', description: '水电、门窗、公共设施等报修，客服中心会跟进处理。', descriptionEn: 'Report repairs; the service center follows up.', position: 1, isService: true, staffOnlyTopics: false },
  { slug: 'complaints', name: '投诉建议', nameEn: 'Complaints & suggestions', description: '对物业服务的投诉与建议。', descriptionEn: 'Complaints and suggestions about our service.', position: 2, isService: true, staffOnlyTopics: false },
  { slug: 'announcements', name: '社区公告', nameEn: 'Announcements', description: '物业发布的通知与公告。', descriptionEn: 'Notices from the management office.', position: 3, isService: false, staffOnlyTopics: true },
  { slug: 'neighbours', name: '邻里交流', nameEn: 'Neighbours', description: '邻里之间的交流与互助。', descriptionEn: 'Neighbours talking and helping each other.', position: 4, isService: false, staffOnlyTopics: false },
] as const;

/** Idempotent: seeds missing boards, never overwrites what staff changed. */
export async function seedBoards(db: Db): Promise<void> {
  await db.insert(forumBoards).values([...SEED_BOARDS]).onConflictDoNothing({ target: forumBoards.slug });
}

type BoardRow = typeof forumBoards.$inferSelect;

function toBoardView(b: BoardRow, topicCount: number, lastPostAt: Date | string | null): BoardView {
  return {
    id: b.id,
    slug: b.slug,
    name: b.name,
    nameEn: b.nameEn,
    description: b.description,
    descriptionEn: b.descriptionEn,
    isService: b.isService,
    staffOnlyTopics: b.staffOnlyTopics,
    topicCount,
    lastPostAt: lastPostAt ? new Date(lastPostAt) : null,
  };
}

export async function listBoards(db: Reader): Promise<BoardView[]> {
  const rows = await db
    .select({
      b: forumBoards,
      topicCount: sql<number>`count(${forumTopics.id})::int`,
      lastPostAt: sql<string | null>`max(${forumTopics.lastPostAt})`,
    })
    .from(forumBoards)
    .leftJoin(forumTopics, and(eq(forumTopics.boardId, forumBoards.id), eq(forumTopics.status, 'visible')))
    .groupBy(forumBoards.id)
    .orderBy(asc(forumBoards.position), asc(forumBoards.name));
  return rows.map((r) => toBoardView(r.b, Number(r.topicCount), r.lastPostAt));
}

export async function boardBySlug(db: Reader, slug: string): Promise<BoardView | null> {
  return (await listBoards(db)).find((b) => b.slug === slug) ?? null;
}

export async function boardById(db: Reader, id: string): Promise<BoardRow | null> {
  const [b] = await db.select().from(forumBoards).where(eq(forumBoards.id, id));
  return b ?? null;
}

export class BoardSlugTaken extends Error {}

export interface BoardInput {
  slug: string;
  name: string;
  nameEn: string;
  description?: string;
  descriptionEn?: string;
  position?: number;
  isService?: boolean;
  staffOnlyTopics?: boolean;
}

export async function createBoard(db: Db, input: BoardInput): Promise<BoardRow> {
  const [row] = await db.insert(forumBoards).values(input).onConflictDoNothing({ target: forumBoards.slug }).returning();
  if (!row) throw new BoardSlugTaken(`board slug "${input.slug}" is taken`);
  return row;
}

export async function updateBoard(db: Db, id: string, patch: Partial<BoardInput>): Promise<BoardRow | null> {
  if (patch.slug) {
    const [other] = await db.select({ id: forumBoards.id }).from(forumBoards).where(eq(forumBoards.slug, patch.slug));
    if (other && other.id !== id) throw new BoardSlugTaken(`board slug "${patch.slug}" is taken`);
  }
  const [row] = await db.update(forumBoards).set(patch).where(eq(forumBoards.id, id)).returning();
  return row ?? null;
}

export async function isBoardModerator(db: Reader, userId: string, boardId: string): Promise<boolean> {
  const [row] = await db
    .select({ u: forumBoardModerators.userId })
    .from(forumBoardModerators)
    .where(and(eq(forumBoardModerators.boardId, boardId), eq(forumBoardModerators.userId, userId)));
  return Boolean(row);
}

export async function boardsModeratedBy(db: Reader, userId: string): Promise<string[]> {
  const rows = await db.select({ b: forumBoardModerators.boardId }).from(forumBoardModerators).where(eq(forumBoardModerators.userId, userId));
  return rows.map((r) => r.b);
}

export async function listModerators(db: Reader): Promise<{ boardId: string; userId: string; name: string }[]> {
  return db
    .select({ boardId: forumBoardModerators.boardId, userId: forumBoardModerators.userId, name: users.name })
    .from(forumBoardModerators)
    .innerJoin(users, eq(users.id, forumBoardModerators.userId))
    .orderBy(asc(users.name));
}

export class UnknownUser extends Error {}

/** Replaces a board's moderators with exactly these users. */
export async function setBoardModerators(db: Db, boardId: string, userIds: string[], appointedBy: string): Promise<void> {
  const unique = [...new Set(userIds)];
  await db.transaction(async (tx) => {
    // An unknown board is a 404, not a silent no-op (or a foreign-key error with members).
    const [board] = await tx.select({ id: forumBoards.id }).from(forumBoards).where(eq(forumBoards.id, boardId));
    if (!board) throw new ForumNotFound('no such board');
    if (unique.length > 0) {
      const found = await tx.select({ id: users.id }).from(users).where(inArray(users.id, unique));
      if (found.length !== unique.length) throw new UnknownUser('some of these users do not exist');
    }
    await tx.delete(forumBoardModerators).where(eq(forumBoardModerators.boardId, boardId));
    if (unique.length > 0) await tx.insert(forumBoardModerators).values(unique.map((userId) => ({ boardId, userId, appointedBy })));
  });
}
