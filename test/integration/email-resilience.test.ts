/**
 * The email channel when things go wrong: SMTP answering 4xx (retried, sent once) or 5xx
 * (failed with the server's words), a restart while mail keeps arriving (fetched by UID,
 * exactly once), and a mailbox whose UIDVALIDITY changed (resynced, deduplicated by Message-ID).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMailboxState, messages } from '../../db/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { eventually, startTestServer, type TestServer } from '../support/huixin.js';
import { composeMail, ownerMessageId } from '../support/owner-mail.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { MAILBOX, MAILBOX_USER, mailboxEnv } from '../support/mail-env.js';

const OWNER = 'zhao.lei@owner.example';

interface MessageView {
  id: string;
  direction: 'in' | 'out';
  content: string;
  delivery: { status: string; error: string | null } | null;
}

let dovecot: DovecotServer;
let sink: SmtpSink;
let db: TestDatabase;
let hx: TestServer;

async function start(): Promise<TestServer> {
  const server = await startTestServer({
    db,
    env: mailboxEnv(dovecot, sink),
  });
  await eventually(async () => server.email.runtime.status(server.email.envInboxId ?? '')?.lastSyncAt, 15_000);
  return server;
}

const inboxId = (): string => hx.email.envInboxId ?? '';

async function storedIds(): Promise<string[]> {
  const rows = await hx.deps.db.select({ externalId: messages.externalId }).from(messages).where(and(eq(messages.inboxId, inboxId()), eq(messages.direction, 'in')));
  return rows.map((r) => r.externalId ?? '').sort();
}

async function ownerMail(subject: string): Promise<{ raw: Buffer; id: string }> {
  const id = ownerMessageId();
  return { id, raw: await composeMail({ from: `赵磊 <${OWNER}>`, to: MAILBOX, subject, text: `${subject}，请处理。`, messageId: id }) };
}

async function messagesOf(conversationId: string): Promise<MessageView[]> {
  return (await hx.api<{ data: MessageView[] }>(`/api/conversations/${conversationId}/messages`)).body.data;
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: [MAILBOX_USER] });
  sink = await startSmtpSink();
  db = await createTestDatabase();
  hx = await start();
});

afterAll(async () => {
  await hx?.close();
  await sink?.stop();
  await dovecot?.stop();
  await db?.drop();
});

describe('email delivery and intake under failure', () => {
  let conversationId: string;

  it('SMTP 4xx is retried with backoff and the reply is sent exactly once', async () => {
    const mail = await ownerMail('水表读数有误');
    await dovecot.deliver(MAILBOX, mail.raw);
    conversationId = await eventually(async () => {
      const [row] = await hx.deps.db.select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.externalId, mail.id));
      return row?.conversationId;
    });
    sink.setResponse(451, '4.7.1 Greylisted, try again later', 'rcpt', 1);
    const posted = await hx.api<MessageView>(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content: '您好，已安排抄表员复核。' } });
    const out = await sink.waitForMessage((m) => m.envelope.rcptTo.includes(OWNER), 20_000);
    expect(sink.rejections).toEqual([{ stage: 'rcpt', code: 451, text: '4.7.1 Greylisted, try again later' }]);
    await eventually(async () => (await messagesOf(conversationId)).find((m) => m.id === posted.body.id)?.delivery?.status === 'sent', 20_000);
    // Give a duplicate every chance to show up: the delivery sweep and job retries have run by now.
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.messages.filter((m) => m.parsed.messageId === out.parsed.messageId)).toHaveLength(1);
  });

  it('SMTP 5xx marks the reply failed with the server’s text, and does not retry', async () => {
    sink.setResponse(550, '5.1.1 <zhao.lei@owner.example>: Recipient address rejected: User unknown', 'rcpt', 1);
    const before = sink.messages.length;
    const posted = await hx.api<MessageView>(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content: '补充：复核时间为明天上午。' } });
    const failed = await eventually(async () => {
      const m = (await messagesOf(conversationId)).find((x) => x.id === posted.body.id);
      return m?.delivery?.status === 'failed' ? m : null;
    });
    expect(failed.delivery?.error).toContain('550');
    expect(failed.delivery?.error).toContain('Recipient address rejected: User unknown');
    expect(sink.messages.length).toBe(before);
    expect(sink.rejections.filter((r) => r.code === 550)).toHaveLength(1);
  });

  it('after a restart, exactly the mail that arrived meanwhile is fetched (by UID)', async () => {
    const before = await storedIds();
    await hx.close();
    const a = await ownerMail('楼道灯不亮');
    const b = await ownerMail('垃圾未清运');
    await dovecot.deliver(MAILBOX, a.raw);
    await dovecot.deliver(MAILBOX, b.raw);
    hx = await start();
    await eventually(async () => (await storedIds()).length === before.length + 2);
    expect(await storedIds()).toEqual([...before, a.id, b.id].sort());
  });

  it('a changed UIDVALIDITY resyncs by Message-ID without duplicates', async () => {
    const before = await storedIds();
    const [state] = await hx.deps.db.select().from(emailMailboxState).where(eq(emailMailboxState.inboxId, inboxId()));
    await hx.close();

    // As if the folder was rebuilt on the server: Dovecot's UID list gets a new UIDVALIDITY.
    const maildir = join(dovecot.dir, 'mail', MAILBOX, 'Maildir');
    const uidlist = join(maildir, 'dovecot-uidlist');
    writeFileSync(uidlist, readFileSync(uidlist, 'utf8').replace(/^(\d+) V(\d+)/, (_m, version: string, v: string) => `${version} V${Number(v) + 7}`));
    for (const f of readdirSync(maildir)) if (f.startsWith('dovecot.index')) rmSync(join(maildir, f));
    const c = await ownerMail('电梯停运通知咨询');
    await dovecot.deliver(MAILBOX, c.raw);

    hx = await start();
    await eventually(async () => (await storedIds()).length === before.length + 1);
    expect(await storedIds()).toEqual([...before, c.id].sort());
    const [after] = await hx.deps.db.select().from(emailMailboxState).where(eq(emailMailboxState.inboxId, inboxId()));
    expect(Number(after?.uidValidity)).toBe(Number(state?.uidValidity) + 7);
  });
});
