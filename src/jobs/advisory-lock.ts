/**
 * "Each mailbox is watched by one instance at a time (a lock, not luck)": session-level
 * PostgreSQL advisory locks on one dedicated connection per instance. A lock lives exactly as
 * long as that session, so an instance that dies (or loses its database connection) frees its
 * mailboxes for the others without any timeout bookkeeping.
 *
 * The session can also end under us (network, a restarted database, pg_terminate_backend);
 * postgres.js would then quietly open a new one without our locks. A heartbeat notices (the
 * backend pid changed, or our locks are gone) and reports the keys as lost, so the caller stops
 * watching before another instance has been watching for long.
 *
 * On PGlite there is one process by construction; the locks are plain in-memory bookkeeping.
 */
import postgres from 'postgres';
import type { Database } from '../../db/client.js';
import type { Logger } from '../logger.js';

export interface SessionLocks {
  /** True when this instance holds the lock for `key` now (also when it already did). */
  tryAcquire(key: string): Promise<boolean>;
  release(key: string): Promise<void>;
  /** Called with the keys whose lock was lost with the session. */
  onLost(listener: (keys: string[]) => void): () => void;
  close(): Promise<void>;
}

export interface SessionLockOptions {
  /** How often the session is checked (default 5 s). */
  heartbeatMs?: number;
}

export function createSessionLocks(database: Database, logger: Logger, opts: SessionLockOptions = {}): SessionLocks {
  if (database.kind !== 'postgres' || !database.url) return memoryLocks();
  return postgresLocks(database.url, logger, opts.heartbeatMs ?? 5000);
}

function memoryLocks(): SessionLocks {
  const held = new Set<string>();
  return {
    async tryAcquire(key) {
      held.add(key);
      return true;
    },
    async release(key) {
      held.delete(key);
    },
    onLost: () => () => {},
    async close() {
      held.clear();
    },
  };
}

function postgresLocks(url: string, logger: Logger, heartbeatMs: number): SessionLocks {
  const held = new Set<string>();
  const listeners = new Set<(keys: string[]) => void>();
  let sessionPid: number | null = null;
  let closed = false;

  const sql = postgres(url, {
    max: 1,
    idle_timeout: 0,
    // postgres.js recycles connections after 30-60 minutes by default: that would drop our locks.
    max_lifetime: null,
    connect_timeout: 5,
    onnotice: () => {},
    onclose: () => {
      if (!closed) lose('database session closed');
    },
  });

  function lose(why: string): void {
    sessionPid = null;
    if (held.size === 0) return;
    const keys = [...held];
    held.clear();
    logger.warn('mailbox locks lost with the database session', { why, keys: keys.length });
    for (const l of listeners) l(keys);
  }

  const heartbeat = setInterval(() => {
    if (held.size === 0 || closed) return;
    sql<{ pid: number; n: number }[]>`
      select pg_backend_pid() as pid,
             (select count(*) from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid())::int as n`
      .then(([row]) => {
        if (!row || row.pid !== sessionPid || row.n < held.size) lose('session changed');
      })
      .catch((err: unknown) => lose(err instanceof Error ? err.message : String(err)));
  }, heartbeatMs);
  heartbeat.unref?.();

  return {
    async tryAcquire(key) {
      // Advisory locks nest within a session; taking one twice would need two unlocks.
      if (held.has(key)) return true;
      const [row] = await sql<{ ok: boolean; pid: number }[]>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as ok, pg_backend_pid() as pid`;
      if (!row) return false;
      // A new session means the locks we thought we had are gone.
      if (sessionPid !== null && row.pid !== sessionPid) lose('session changed');
      sessionPid = row.pid;
      if (row.ok) held.add(key);
      return row.ok;
    },
    async release(key) {
      if (!held.delete(key)) return;
      await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.catch(() => {});
    },
    onLost(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearInterval(heartbeat);
      held.clear();
      await sql.end({ timeout: 5 });
    },
  };
}
