/**
 * One IMAP watcher per mailbox across Node instances, by a session-level PostgreSQL advisory
 * lock: the second instance stands by, and takes over when the first stops or its database
 * session dies. PostgreSQL only (PGlite is one process by construction).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createDatabase, type Database } from '../../db/client.js';
import { messages } from '../../db/schema/index.js';
import { createLogger } from '../../src/logger.js';
import { createSessionLocks } from '../../src/jobs/advisory-lock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { eventually, startTestServer, type TestServer } from '../support/huixin.js';
import { composeMail, ownerMessageId } from '../support/owner-mail.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { MAILBOX, MAILBOX_USER, mailboxEnv } from '../support/mail-env.js';


{
  if (!process.env.DATABASE_URL) throw new Error('test/postgres needs DATABASE_URL (npm test sets it)');

  describe('session locks', () => {
    let db: TestDatabase;
    let database: Database;

    beforeAll(async () => {
      db = await createTestDatabase();
      database = await createDatabase({ databaseUrl: db.url, max: 2 });
    });
    afterAll(async () => {
      await database?.close();
      await db?.drop();
    });

    it('are held by one session; a dead session frees them for the other', async () => {
      const logger = createLogger('silent');
      const a = createSessionLocks(database, logger, { heartbeatMs: 100 });
      const b = createSessionLocks(database, logger, { heartbeatMs: 100 });
      try {
        expect(await a.tryAcquire('huixin:imap:x')).toBe(true);
        expect(await a.tryAcquire('huixin:imap:x')).toBe(true);
        expect(await b.tryAcquire('huixin:imap:x')).toBe(false);
        expect(await b.tryAcquire('huixin:imap:y')).toBe(true);

        const lost = new Promise<string[]>((resolve) => a.onLost(resolve));
        // The database ends a's session (a network cut or a restart looks the same to a).
        const admin = postgres(db.url ?? '', { max: 1, onnotice: () => {} });
        const [holder] = await admin<{ pid: number }[]>`
          select pid from pg_locks
          where locktype = 'advisory' and granted and objsubid = 1
            and ((classid::bigint << 32) | objid::bigint) = hashtextextended('huixin:imap:x', 0)`;
        expect(holder?.pid).toBeGreaterThan(0);
        await admin`select pg_terminate_backend(${holder?.pid ?? 0})`;
        await admin.end();
        expect(await lost).toEqual(['huixin:imap:x']);
        expect(await b.tryAcquire('huixin:imap:x')).toBe(true);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  describe('two Node instances, one mailbox', () => {
    let dovecot: DovecotServer;
    let sink: SmtpSink;
    let db: TestDatabase;
    let one: TestServer;
    let two: TestServer | null = null;

    const env = () => mailboxEnv(dovecot, sink);
    const watcherOf = (s: TestServer): string | undefined => s.email.runtime.status(s.email.envInboxId ?? '')?.watcher;

    async function deliverAndCount(subject: string): Promise<number> {
      const id = ownerMessageId();
      await dovecot.deliver(MAILBOX, await composeMail({ from: '周敏 <zhoumin@owner.example>', to: MAILBOX, subject, text: subject, messageId: id }));
      await eventually(async () => (await one.deps.db.select().from(messages).where(eq(messages.externalId, id))).length > 0, 15_000);
      return (await one.deps.db.select().from(messages).where(and(eq(messages.externalId, id), eq(messages.direction, 'in')))).length;
    }

    beforeAll(async () => {
      dovecot = await startDovecot({ users: [MAILBOX_USER] });
      sink = await startSmtpSink();
      db = await createTestDatabase();
      one = await startTestServer({ db, env: env(), email: { lockRetryMs: 300 } });
      await eventually(async () => watcherOf(one) === 'watching', 15_000);
      two = await startTestServer({ db, env: env(), email: { lockRetryMs: 300 } });
    });
    afterAll(async () => {
      await two?.close();
      await one?.close();
      await sink?.stop();
      await dovecot?.stop();
      await db?.drop();
    });

    it('only the lock holder watches; the other takes over when it stops', async () => {
      // The second instance has tried for the lock a few times by now and still stands by.
      await new Promise((r) => setTimeout(r, 1000));
      expect(watcherOf(one)).toBe('watching');
      expect(two && watcherOf(two)).toBe('standby');
      expect(await deliverAndCount('一号实例收信')).toBe(1);

      const survivor = two as TestServer;
      await one.close();
      one = survivor;
      two = null;
      await eventually(async () => watcherOf(survivor) === 'watching', 15_000);
      await eventually(async () => survivor.email.runtime.status(survivor.email.envInboxId ?? '')?.lastSyncAt, 15_000);
      expect(await deliverAndCount('二号实例接管')).toBe(1);
    });
  });
}
