/** Shared pieces of the staff side: errors, and who may act on which board. */
import { and, eq } from 'drizzle-orm';
import { forumBoardModerators } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Principal } from '../../domain/permissions.js';
import { isForumAdmin, mayPerform, type ForumAction } from '../../domain/forum/roles.js';
import type { Tx } from '../ports.js';

export class ForumNotFound extends Error {}
export class ForumForbidden extends Error {}
/** The item is claimed by someone else, or already decided. */
export class ForumConflict extends Error {}
export class ForumInvalid extends Error {}

export async function boardModerator(db: Db | Tx, userId: string, boardId: string): Promise<boolean> {
  const [row] = await db
    .select({ u: forumBoardModerators.userId })
    .from(forumBoardModerators)
    .where(and(eq(forumBoardModerators.boardId, boardId), eq(forumBoardModerators.userId, userId)));
  return Boolean(row);
}

/** Throws ForumForbidden unless the user may perform the action on that board. */
export async function requireAction(db: Db | Tx, user: Principal, action: ForumAction, boardId: string | null): Promise<void> {
  const isBoardModerator = boardId ? await boardModerator(db, user.id, boardId) : false;
  if (!mayPerform(user, action, { isBoardModerator })) {
    const why =
      (action === 'pin' || action === 'highlight') && isForumAdmin(user)
        ? 'only the board’s own moderators (版主) pin or highlight in it'
        : `not allowed to ${action.replace('_', ' ')} here`;
    throw new ForumForbidden(why);
  }
}

/** What the user may do on a board, for the review screen's buttons. */
export async function allowedActions(db: Db | Tx, user: Principal, boardId: string): Promise<Record<ForumAction, boolean>> {
  const isBoardModerator = await boardModerator(db, user.id, boardId);
  const actions: ForumAction[] = ['review', 'lock', 'pin', 'highlight', 'move', 'hide', 'to_inbox', 'suspend', 'appoint', 'configure'];
  return Object.fromEntries(actions.map((a) => [a, mayPerform(user, a, { isBoardModerator })])) as Record<ForumAction, boolean>;
}
