/**
 * Who may do what on the forum, as the center's rules set it. Two permissions carry the two
 * roles: `forum.moderate` (版主, board moderator: works the queue of the boards they are
 * appointed to and curates them) and `forum.admin` (论坛管理员, forum admin: handles
 * complaints anywhere, moves topics, suspends accounts, appoints moderators). Curating a board
 * (pin, highlight) needs the appointment itself: a forum admin who is not the board's
 * moderator may not pin or highlight there.
 */
export type ForumAction =
  | 'review' // decide a queue item: approve, reject/hide, ignore
  | 'lock'
  | 'pin'
  | 'highlight'
  | 'move'
  | 'hide'
  | 'to_inbox'
  | 'suspend'
  | 'appoint'
  | 'configure';

export interface ForumActor {
  permissions: readonly string[];
}

export interface BoardContext {
  /** The actor is appointed moderator (版主) of the board the subject is in. */
  isBoardModerator: boolean;
}

export function isForumAdmin(actor: ForumActor): boolean {
  return actor.permissions.includes('forum.admin');
}

export function isModerator(actor: ForumActor): boolean {
  return actor.permissions.includes('forum.moderate');
}

/** May this actor use the review queue at all (see items, claim)? */
export function canUseReviewQueue(actor: ForumActor): boolean {
  return isForumAdmin(actor) || isModerator(actor);
}

export function mayPerform(actor: ForumActor, action: ForumAction, board: BoardContext = { isBoardModerator: false }): boolean {
  const admin = isForumAdmin(actor);
  const boardMod = isModerator(actor) && board.isBoardModerator;
  switch (action) {
    case 'pin':
    case 'highlight':
      return boardMod;
    case 'review':
    case 'lock':
    case 'hide':
      return admin || boardMod;
    case 'move':
      return admin || boardMod;
    case 'to_inbox':
      // Agents send topics to the inbox too (issue: "a moderator or agent").
      return admin || boardMod || actor.permissions.includes('conversation.reply');
    case 'suspend':
    case 'appoint':
    case 'configure':
      return admin;
  }
}
