/**
 * Fixed-window counters in the database, so every instance counts against the same limit.
 * One statement per attempt: the upsert starts a new window or adds one to the current.
 */
import { lt, sql } from 'drizzle-orm';
import { forumEmailTokens, forumRateLimits, forumSessions } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Clock } from '../ports.js';
import { pruneSignInThrottles } from '../sign-in-throttle.js';

export async function hitRateLimit(db: Db, clock: Clock, key: string, limit: number, windowSeconds: number): Promise<boolean> {
  const now = clock.now();
  const windowEdge = new Date(now.getTime() - windowSeconds * 1000);
  const expired = sql`${forumRateLimits.windowStart} <= ${windowEdge.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(forumRateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: forumRateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${forumRateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${forumRateLimits.windowStart} end`,
      },
    })
    .returning({ count: forumRateLimits.count });
  return (row?.count ?? 1) <= limit;
}

/** Drops counters, sessions and one-time links that can no longer matter (run by the sweep). */
export async function pruneForumState(db: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  const dayAgo = new Date(now.getTime() - 86_400_000);
  await db.delete(forumRateLimits).where(lt(forumRateLimits.windowStart, dayAgo));
  await db.delete(forumSessions).where(lt(forumSessions.expiresAt, now));
  await db.delete(forumEmailTokens).where(lt(forumEmailTokens.expiresAt, dayAgo));
  await pruneSignInThrottles(db, clock);
}
