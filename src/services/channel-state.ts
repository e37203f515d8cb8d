/**
 * ChannelStatePort over the `channel_state` table: what a channel keeps per inbox across
 * requests and instances (an access token shared by every instance, a pull cursor that
 * survives a restart).
 *
 * `withLock` on PostgreSQL is a transaction-level advisory lock (pg_try_advisory_xact_lock)
 * held by one pooled connection while `fn` runs: it is released when that transaction ends,
 * also when the instance dies, and `fn`'s own queries run on other connections. PGlite is one
 * process and runs one transaction at a time (holding one open around `fn` would block `fn`'s
 * own writes), so there the lock is in-memory bookkeeping, as in src/jobs/advisory-lock.ts.
 */
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { channelState } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { resultRows } from '../../db/result-rows.js';
import type { ChannelStatePort } from '../../channels/definition.js';
import type { Clock } from './ports.js';

export interface ChannelStates {
  forInbox(inboxId: string): ChannelStatePort;
}

export interface ChannelStateOptions {
  db: Db;
  clock: Clock;
  /** `advisory` on PostgreSQL; `memory` on PGlite (one process). */
  locking: 'advisory' | 'memory';
}

export function createChannelStates(opts: ChannelStateOptions): ChannelStates {
  const { db, clock } = opts;
  const heldHere = new Set<string>();

  async function withLock<T>(lockKey: string, fn: () => Promise<T>): Promise<T | null> {
    // Also on PostgreSQL: a second caller in this process gets null without a round trip.
    if (heldHere.has(lockKey)) return null;
    heldHere.add(lockKey);
    try {
      if (opts.locking === 'memory') return await fn();
      return await db.transaction(async (tx) => {
        const result = await tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${lockKey}, 0)) as ok`);
        const [row] = resultRows<{ ok: boolean }>(result);
        if (!row?.ok) return null;
        return fn();
      });
    } finally {
      heldHere.delete(lockKey);
    }
  }

  return {
    forInbox(inboxId) {
      return {
        async get<T>(key: string): Promise<T | null> {
          const [row] = await db
            .select({ value: channelState.value })
            .from(channelState)
            .where(
              and(
                eq(channelState.inboxId, inboxId),
                eq(channelState.key, key),
                or(isNull(channelState.expiresAt), gt(channelState.expiresAt, clock.now())),
              ),
            );
          return row ? (row.value as T) : null;
        },
        async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
          const now = clock.now();
          const expiresAt = ttlMs === undefined ? null : new Date(now.getTime() + ttlMs);
          await db
            .insert(channelState)
            .values({ inboxId, key, value: value as unknown, expiresAt, updatedAt: now })
            .onConflictDoUpdate({ target: [channelState.inboxId, channelState.key], set: { value: value as unknown, expiresAt, updatedAt: now } });
        },
        withLock: (key, fn) => withLock(`channel_state:${inboxId}:${key}`, fn),
      };
    },
  };
}
