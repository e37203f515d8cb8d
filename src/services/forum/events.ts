/**
 * The forum's live events. Payloads carry ids and states only, never an owner's words: the
 * review queue refetches what changed through the permission-checked API.
 */
import type { StoredEvent, Tx } from '../ports.js';
import { recordEvent } from '../record-event.js';
import type { ForumDeps } from './deps.js';

export const MODERATION_EVENT = 'forum.moderation.updated';
export const CLAIMS_EVENT = 'forum.claims.updated';
export const TOPIC_EVENT = 'forum.topic.updated';

export function moderationEvent(
  tx: Tx,
  deps: Pick<ForumDeps, 'inboxId'>,
  item: { id: string; state: string; kind: string; claimedBy: string | null },
): Promise<StoredEvent> {
  return recordEvent(tx, MODERATION_EVENT, { inboxId: deps.inboxId }, { item });
}

export function topicEvent(tx: Tx, deps: Pick<ForumDeps, 'inboxId'>, topicId: string): Promise<StoredEvent> {
  return recordEvent(tx, TOPIC_EVENT, { inboxId: deps.inboxId }, { topicId });
}

export async function publishClaimsChanged(deps: ForumDeps, accountId: string): Promise<void> {
  const event = await deps.db.transaction((tx) => recordEvent(tx, CLAIMS_EVENT, { inboxId: deps.inboxId }, { accountId }));
  deps.bus.publish([event]);
}
