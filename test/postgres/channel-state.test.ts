/**
 * ChannelStatePort on PostgreSQL: values and expiry shared by two instances (two pools on one
 * database), and `withLock` held by one of them at a time across instances.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.js';
import { inboxes } from '../../db/schema/index.js';
import { createChannelStates } from '../../src/services/channel-state.js';
import type { Clock } from '../../src/services/ports.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

if (!process.env.DATABASE_URL) throw new Error('test/postgres needs DATABASE_URL (npm test sets it)');

describe('channel state on PostgreSQL', () => {
  let db: TestDatabase;
  let one: Database;
  let two: Database;
  let inboxId: string;
  let now = new Date('2026-12-03T10:00:00Z');
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    db = await createTestDatabase();
    one = await createDatabase({ databaseUrl: db.url, max: 3 });
    await one.migrate();
    two = await createDatabase({ databaseUrl: db.url, max: 3 });
    const [row] = await one.db.insert(inboxes).values({ channel: 'telegram', accountKey: 'state-test', name: 'state' }).returning({ id: inboxes.id });
    inboxId = row!.id;
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await db?.drop();
  });

  it('shares values between instances and forgets them after their ttl', async () => {
    const a = createChannelStates({ db: one.db, clock, locking: 'advisory' }).forInbox(inboxId);
    const b = createChannelStates({ db: two.db, clock, locking: 'advisory' }).forInbox(inboxId);
    await a.set('cursor', { next: 'abc' });
    await a.set('token', 'secret-token', 60_000);
    expect(await b.get('cursor')).toEqual({ next: 'abc' });
    expect(await b.get('token')).toBe('secret-token');
    now = new Date(now.getTime() + 61_000);
    expect(await b.get('token')).toBeNull();
    expect(await b.get('cursor')).toEqual({ next: 'abc' });
    await b.set('cursor', { next: 'def' });
    expect(await a.get('cursor')).toEqual({ next: 'def' });
  });

  it('lets one instance at a time hold a lock, and frees it when fn ends or throws', async () => {
    const a = createChannelStates({ db: one.db, clock, locking: 'advisory' }).forInbox(inboxId);
    const b = createChannelStates({ db: two.db, clock, locking: 'advisory' }).forInbox(inboxId);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const holding = a.withLock('pull', async () => {
      entered();
      await gate;
      return 'first';
    });
    await inside;
    expect(await b.withLock('pull', async () => 'second')).toBeNull();
    // Same instance, same key: refused as well, without waiting.
    expect(await a.withLock('pull', async () => 'again')).toBeNull();
    // Another key is independent.
    expect(await b.withLock('token', async () => 'other key')).toBe('other key');
    release();
    expect(await holding).toBe('first');
    expect(await b.withLock('pull', async () => 'second')).toBe('second');
    await expect(a.withLock('pull', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await b.withLock('pull', async () => 'after a throw')).toBe('after a throw');
  });
});
