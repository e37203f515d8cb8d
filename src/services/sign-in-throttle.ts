/**
 * The stored side of the sign-in delays (policy: src/domain/sign-in-throttle.ts). Each
 * attempt locks its counters (account and client address) in one short transaction, is
 * counted as a failure before the password is checked, and is given back on success.
 */
import { asc, inArray, lt } from 'drizzle-orm';
import { signInThrottles } from '../../db/schema/index.js';
import type { Db } from '../../db/client.js';
import { retryAfterSeconds, startAttempt, succeedAttempt, type ThrottlePolicy, type ThrottleState } from '../domain/sign-in-throttle.js';
import type { Clock } from './ports.js';

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
  /** A success starts this counter from zero (the account's), rather than giving back one attempt. */
  resetOnSuccess: boolean;
}

export type AttemptTicket = { ok: true; settle(success: boolean): Promise<void> } | { ok: false; retryAfterSeconds: number };

export async function beginSignInAttempt(db: Db, clock: Clock, keys: ThrottleKey[]): Promise<AttemptTicket> {
  const now = clock.now();
  const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : 1));
  const names = sorted.map((k) => k.key);
  const outcome = await db.transaction(async (tx) => {
    await tx.insert(signInThrottles).values(names.map((key) => ({ key }))).onConflictDoNothing();
    // Locked in key order, so two attempts sharing both keys never deadlock.
    const rows = await tx.select().from(signInThrottles).where(inArray(signInThrottles.key, names)).orderBy(asc(signInThrottles.key)).for('update');
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const started: { key: ThrottleKey; state: ThrottleState }[] = [];
    let wait = 0;
    for (const k of sorted) {
      const row = byKey.get(k.key);
      const state: ThrottleState = { failures: row?.failures ?? 0, blockedUntil: row?.blockedUntil ?? null, lastAttemptAt: row?.lastAttemptAt ?? null };
      const next = startAttempt(k.policy, state, now);
      if (!next) wait = Math.max(wait, retryAfterSeconds(state, now));
      else started.push({ key: k, state: next });
    }
    if (wait > 0) return { wait, started: [] };
    for (const s of started) await write(tx, s.key.key, s.state);
    return { wait: 0, started };
  });
  if (outcome.wait > 0) return { ok: false, retryAfterSeconds: outcome.wait };
  return {
    ok: true,
    async settle(success) {
      // A failure is already counted.
      if (!success) return;
      await db.transaction(async (tx) => {
        for (const s of outcome.started) {
          const [row] = await tx.select().from(signInThrottles).where(inArray(signInThrottles.key, [s.key.key])).for('update');
          if (!row) continue;
          const after = succeedAttempt({ failures: row.failures, blockedUntil: row.blockedUntil, lastAttemptAt: row.lastAttemptAt }, s.state, s.key.resetOnSuccess);
          await write(tx, s.key.key, after);
        }
      });
    },
  };
}

type Writer = Pick<Db, 'insert'>;

async function write(tx: Writer, key: string, s: ThrottleState): Promise<void> {
  await tx
    .insert(signInThrottles)
    .values({ key, failures: s.failures, blockedUntil: s.blockedUntil, lastAttemptAt: s.lastAttemptAt })
    .onConflictDoUpdate({ target: signInThrottles.key, set: { failures: s.failures, blockedUntil: s.blockedUntil, lastAttemptAt: s.lastAttemptAt } });
}

/** Counters untouched for longer than the policies remember (run by a sweep). */
export async function pruneSignInThrottles(db: Db, clock: Clock, olderThanSeconds = 2 * 24 * 3600): Promise<void> {
  await db.delete(signInThrottles).where(lt(signInThrottles.lastAttemptAt, new Date(clock.now().getTime() - olderThanSeconds * 1000)));
}
