/**
 * One conversation as the reports see it: a typed, time-ordered list of what happened, built
 * from stored rows (messages and the conversation's status/assignee snapshots in events).
 */

export type TimelineEvent =
  | { kind: 'created'; at: Date; assigneeId: string | null }
  | { kind: 'owner_message'; at: Date }
  | { kind: 'agent_reply'; at: Date; agentId: string | null }
  | { kind: 'private_note'; at: Date; agentId: string | null }
  | { kind: 'bot_message'; at: Date }
  | { kind: 'bot_handoff'; at: Date }
  | { kind: 'assigned'; at: Date; assigneeId: string | null }
  | { kind: 'resolved'; at: Date }
  | { kind: 'reopened'; at: Date };

export interface StoredMessageFact {
  at: Date;
  direction: 'in' | 'out';
  senderType: 'contact' | 'agent' | 'bot' | 'system';
  senderId: string | null;
  private: boolean;
  /** `meta.kind` of the message, if any ('bot.handoff' marks the bot stepping back). */
  metaKind: string | null;
  /** A reply that never left (delivery failed) reached nobody, so it answers nothing. */
  failed: boolean;
}

/** The conversation's state as one stored event recorded it. */
export interface StoredSnapshot {
  at: Date;
  status: string;
  assigneeId: string | null;
}

// Same instant: the conversation exists first, then what was said, then state changes.
const ORDER: Record<TimelineEvent['kind'], number> = {
  created: 0,
  owner_message: 1,
  bot_message: 2,
  bot_handoff: 3,
  agent_reply: 4,
  private_note: 4,
  assigned: 5,
  resolved: 6,
  reopened: 6,
};

export function messageEvent(m: StoredMessageFact): TimelineEvent | null {
  if (m.senderType === 'contact') return m.direction === 'in' ? { kind: 'owner_message', at: m.at } : null;
  if (m.senderType === 'bot') return m.private ? null : { kind: 'bot_message', at: m.at };
  if (m.senderType === 'system') return m.private && m.metaKind === 'bot.handoff' ? { kind: 'bot_handoff', at: m.at } : null;
  // An agent: a private note is for colleagues, never an answer to the owner.
  if (m.private) return { kind: 'private_note', at: m.at, agentId: m.senderId };
  return m.failed ? null : { kind: 'agent_reply', at: m.at, agentId: m.senderId };
}

/**
 * Turns stored rows into a timeline. Snapshots (in the order they were recorded) become
 * `resolved`/`reopened`/`assigned` only where they differ from the state before them, so an
 * event that changed labels or the unread count adds nothing.
 */
export function buildTimeline(input: {
  createdAt: Date;
  initialAssigneeId: string | null;
  messages: readonly StoredMessageFact[];
  snapshots: readonly StoredSnapshot[];
}): TimelineEvent[] {
  const out: TimelineEvent[] = [{ kind: 'created', at: input.createdAt, assigneeId: input.initialAssigneeId }];
  for (const m of input.messages) {
    const e = messageEvent(m);
    if (e) out.push(e);
  }
  let resolved = false;
  let assignee = input.initialAssigneeId;
  for (const s of input.snapshots) {
    const nowResolved = s.status === 'resolved';
    if (nowResolved !== resolved) out.push({ kind: nowResolved ? 'resolved' : 'reopened', at: s.at });
    resolved = nowResolved;
    if (s.assigneeId !== assignee) out.push({ kind: 'assigned', at: s.at, assigneeId: s.assigneeId });
    assignee = s.assigneeId;
  }
  return sortTimeline(out);
}

export function sortTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  // A stable sort keeps the stored order of events at the same instant and kind.
  return [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || ORDER[a.kind] - ORDER[b.kind]);
}
