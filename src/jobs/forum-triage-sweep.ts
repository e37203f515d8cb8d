/**
 * Every minute, on one instance: prunes spent rate-limit windows, sessions and links, and
 * files forum posts that were stored but never reached the inbox (the process stopped between
 * the two steps, or the ingest failed). Re-ingesting an item that did arrive is a no-op
 * because its external id is unique in the inbox.
 */
import { normalizeForum } from '../../channels/forum/normalize.js';
import type { ForumDeps } from '../services/forum/deps.js';
import { pruneForumState } from '../services/forum/rate-limit.js';
import { ingestForumItem, strandedForumItems } from '../services/forum/triage.js';
import type { Jobs } from './queue.js';

export const FORUM_SWEEP_QUEUE = 'forum-triage-sweep';
const STRANDED_AFTER_MS = 30_000;

export async function sweepForumTriage(deps: ForumDeps): Promise<number> {
  const items = await strandedForumItems(deps, STRANDED_AFTER_MS);
  for (const raw of items) await ingestForumItem(deps, normalizeForum(raw, deps.inboxId), raw);
  return items.length;
}

export async function startForumTriageSweep(jobs: Jobs, deps: ForumDeps): Promise<void> {
  await jobs.boss.createQueue(FORUM_SWEEP_QUEUE, { name: FORUM_SWEEP_QUEUE, retryLimit: 0, expireInSeconds: 120 });
  await jobs.boss.work(FORUM_SWEEP_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    const n = await sweepForumTriage(deps);
    if (n > 0) deps.logger.info('forum items filed by the sweep', { count: n });
    await pruneForumState(deps.db, deps.clock);
  });
  await jobs.boss.schedule(FORUM_SWEEP_QUEUE, '* * * * *');
}
