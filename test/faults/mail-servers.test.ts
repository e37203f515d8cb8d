/**
 * The mail servers going away under the email channel: real Dovecot and the SMTP sink, each
 * behind a TCP proxy the test cuts and restores. The mailbox vanishing while mail arrives
 * (and is being fetched) → after recovery every mail is stored exactly once; SMTP unreachable
 * while a reply is sent → the reply is retried and reaches the owner once. (Greylisting 4xx,
 * 5xx refusals and restarts are in test/integration/email-resilience.test.ts.)
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../db/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { eventually, startTestServer, type TestServer } from '../support/huixin.js';
import { MAILBOX, MAILBOX_USER, mailboxEnv } from '../support/mail-env.js';
import { composeMail, ownerMessageId } from '../support/owner-mail.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

if (!process.env.DATABASE_URL) throw new Error('test/faults needs DATABASE_URL (npm test sets it)');

const OWNER = 'qian.fang@owner.example';

let dovecot: DovecotServer;
let sink: SmtpSink;
let imapProxy: TcpProxy;
let smtpProxy: TcpProxy;
let db: TestDatabase;
let hx: TestServer;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [MAILBOX_USER] });
  sink = await startSmtpSink();
  imapProxy = await startTcpProxy(dovecot.host, dovecot.port);
  smtpProxy = await startTcpProxy(sink.host, sink.port);
  db = await createTestDatabase();
  hx = await startTestServer({
    db,
    env: mailboxEnv(dovecot, sink, { IMAP_HOST: '127.0.0.1', IMAP_PORT: String(imapProxy.port), SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpProxy.port) }),
  });
  await eventually(async () => hx.email.runtime.status(hx.email.envInboxId ?? '')?.lastSyncAt, 15_000);
});

afterAll(async () => {
  await hx?.close();
  await imapProxy?.close();
  await smtpProxy?.close();
  await sink?.stop();
  await dovecot?.stop();
  await db?.drop();
});

async function ownerMail(subject: string): Promise<{ raw: Buffer; id: string }> {
  const id = ownerMessageId();
  return { id, raw: await composeMail({ from: `钱芳 <${OWNER}>`, to: MAILBOX, subject, text: `${subject}，请尽快处理。`, messageId: id }) };
}

async function storedCount(ids: string[]): Promise<Map<string, number>> {
  const rows = await hx.deps.db
    .select({ externalId: messages.externalId })
    .from(messages)
    .where(and(eq(messages.direction, 'in'), inArray(messages.externalId, ids)));
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.externalId ?? '', (counts.get(r.externalId ?? '') ?? 0) + 1);
  return counts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('mail servers failing mid-work', () => {
  let conversationId: string;

  it('the mailbox server going away while mail arrives: every mail fetched exactly once after recovery', async () => {
    const mails = await Promise.all(Array.from({ length: 8 }, (_, i) => ownerMail(`第${i + 1}号楼停水`)));
    // Mail keeps arriving; the IMAP connection drops in the middle of it and stays away a while.
    for (const [i, m] of mails.entries()) {
      await dovecot.deliver(MAILBOX, m.raw);
      if (i === 2) imapProxy.cut();
      if (i === 5) {
        await sleep(800);
        imapProxy.restore();
      }
      await sleep(50);
    }
    const ids = mails.map((m) => m.id);
    await eventually(async () => (await storedCount(ids)).size === ids.length, 45_000, 250);
    // Redelivery cannot sneak in late: after another sync round, still one each.
    await sleep(1500);
    const counts = await storedCount(ids);
    for (const id of ids) expect(counts.get(id), id).toBe(1);
    const [first] = await hx.deps.db.select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.externalId, ids[0]!));
    conversationId = first!.conversationId;
  });

  it('SMTP unreachable while a reply goes out: retried, and the owner gets it once', async () => {
    smtpProxy.cut();
    const posted = await hx.api<{ id: string }>(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content: '您好，供水已恢复。' } });
    expect(posted.status).toBe(201);
    // The first attempt meets a closed port and goes back to the queue, not to "failed".
    await eventually(async () => {
      const [m] = await hx.deps.db.select({ meta: messages.meta, status: messages.deliveryStatus }).from(messages).where(eq(messages.id, posted.body.id));
      return m?.status === 'queued' && typeof m.meta.networkAttempts === 'number';
    }, 20_000);
    smtpProxy.restore();
    const out = await sink.waitForMessage((m) => m.envelope.rcptTo.includes(OWNER) && m.parsed.text?.includes('供水已恢复') === true, 30_000);
    await eventually(async () => {
      const [m] = await hx.deps.db.select({ status: messages.deliveryStatus }).from(messages).where(eq(messages.id, posted.body.id));
      return m?.status === 'sent';
    }, 20_000);
    await sleep(1000);
    expect(sink.messages.filter((m) => m.parsed.messageId === out.parsed.messageId)).toHaveLength(1);
  });
});
