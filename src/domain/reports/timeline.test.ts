import { describe, expect, it } from 'vitest';
import { buildTimeline, type StoredMessageFact } from './timeline.js';

const t = (min: number) => new Date(Date.UTC(2026, 10, 23, 1, min));
const msg = (min: number, m: Partial<StoredMessageFact>): StoredMessageFact => ({
  at: t(min),
  direction: 'out',
  senderType: 'agent',
  senderId: 'a',
  private: false,
  metaKind: null,
  failed: false,
  ...m,
});

describe('buildTimeline', () => {
  it('types stored messages: owner words, replies, notes, the bot and its handoff; a failed reply answered nobody', () => {
    const tl = buildTimeline({
      createdAt: t(0),
      initialAssigneeId: null,
      messages: [
        msg(0, { direction: 'in', senderType: 'contact', senderId: null }),
        msg(1, { senderType: 'bot', senderId: null }),
        msg(2, { senderType: 'system', senderId: null, private: true, metaKind: 'bot.handoff' }),
        msg(3, { senderType: 'system', senderId: null, private: true }),
        msg(4, { private: true }),
        msg(5, { failed: true }),
        msg(6, {}),
      ],
      snapshots: [],
    });
    expect(tl.map((e) => e.kind)).toEqual(['created', 'owner_message', 'bot_message', 'bot_handoff', 'private_note', 'agent_reply']);
  });

  it('turns status and assignee snapshots into changes only where something changed', () => {
    const tl = buildTimeline({
      createdAt: t(0),
      initialAssigneeId: null,
      messages: [],
      snapshots: [
        { at: t(1), status: 'open', assigneeId: null },
        { at: t(2), status: 'open', assigneeId: 'a' },
        { at: t(3), status: 'pending', assigneeId: 'a' },
        { at: t(4), status: 'resolved', assigneeId: 'a' },
        { at: t(5), status: 'resolved', assigneeId: 'a' },
        { at: t(6), status: 'open', assigneeId: 'a' },
      ],
    });
    expect(tl.map((e) => [e.kind, e.at.getTime() - t(0).getTime()])).toEqual([
      ['created', 0],
      ['assigned', 120_000],
      ['resolved', 240_000],
      ['reopened', 360_000],
    ]);
  });
});
