import { describe, expect, it } from 'vitest';
import { mayPerform } from './roles.js';

const boardModerator = { permissions: ['forum.moderate'] };
const forumAdmin = { permissions: ['forum.moderate', 'forum.admin'] };
const agent = { permissions: ['conversation.read.all', 'conversation.reply'] };
const own = { isBoardModerator: true };
const other = { isBoardModerator: false };

describe('forum roles', () => {
  it('lets a board moderator curate only the boards they are appointed to', () => {
    for (const a of ['pin', 'highlight', 'lock', 'review', 'hide'] as const) {
      expect(mayPerform(boardModerator, a, own)).toBe(true);
      expect(mayPerform(boardModerator, a, other)).toBe(false);
    }
  });

  it('keeps forum admins from pinning or highlighting inside a board they do not moderate', () => {
    expect(mayPerform(forumAdmin, 'pin', other)).toBe(false);
    expect(mayPerform(forumAdmin, 'highlight', other)).toBe(false);
    expect(mayPerform(forumAdmin, 'pin', own)).toBe(true);
  });

  it('gives forum admins complaints, moves, suspensions and appointments everywhere', () => {
    for (const a of ['review', 'lock', 'hide', 'move', 'suspend', 'appoint', 'configure'] as const) {
      expect(mayPerform(forumAdmin, a, other)).toBe(true);
    }
    expect(mayPerform(boardModerator, 'suspend', own)).toBe(false);
    expect(mayPerform(boardModerator, 'appoint', own)).toBe(false);
  });

  it('lets agents send a topic to the inbox and nothing else', () => {
    expect(mayPerform(agent, 'to_inbox', other)).toBe(true);
    expect(mayPerform(agent, 'review', other)).toBe(false);
    expect(mayPerform(agent, 'pin', own)).toBe(false);
  });
});
