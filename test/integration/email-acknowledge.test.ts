/**
 * The automatic acknowledgement of a new email matter, against the real mail servers of the
 * email suites (Dovecot for IMAP, an SMTP server on loopback): exactly one per new thread,
 * with the conversation's reference number, as a reply to the owner's mail and marked
 * Auto-Submitted; none for a follow-up, a redelivery, an auto-reply, bulk mail, mail that
 * asks for no automatic answer, the center's own addresses, or a mailbox that has it off.
 */
import { readFileSync } from 'node:fs';
import { and, eq, inArray } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailAcknowledgements, messages } from '../../db/schema/index.js';
import { conversationReference } from '../../src/domain/conversation-reference.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { eventually, nextEvent, startTestServer, type TestServer } from '../support/huixin.js';
import { MAILBOX, MAILBOX_USER, mailboxEnv } from '../support/mail-env.js';
import { answerTo, composeMail, ownerMessageId } from '../support/owner-mail.js';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../support/smtp-sink.js';

const WEIXIU = 'weixiu@wuye.example.com';
const WEIXIU_PASSWORD = 'weixiu-pass';

interface MessageView {
  id: string;
  conversationId: string;
  direction: 'in' | 'out';
  content: string;
  sender: { type: string; name: string };
  meta: Record<string, unknown>;
  delivery: { status: string; error: string | null } | null;
}
interface ConversationView {
  id: string;
  lastMessage: { content: string; direction: 'in' | 'out' } | null;
}
interface Mailbox {
  id: string;
  acknowledge: boolean;
  source: 'env' | 'api';
  status: { lastSyncAt: string | null } | null;
}

let dovecot: DovecotServer;
let sink: SmtpSink;
let hx: TestServer;
let socket: Socket;

const fixture = (name: string): string => readFileSync(new URL(`../../channels/email/fixtures/${name}`, import.meta.url), 'latin1');
const isAck = (m: SinkMessage): boolean => m.parsed.headers.get('auto-submitted') === 'auto-replied';
const acksTo = (address: string): SinkMessage[] => sink.messages.filter((m) => m.envelope.rcptTo.includes(address) && isAck(m));

/** Delivers into a mailbox and waits until intake stored the message with that Message-ID. */
async function deliverAndWait(raw: Buffer, messageId: string, to = MAILBOX): Promise<MessageView> {
  const created = nextEvent<{ message: MessageView }>(socket, 'message.created', (p) => (p.message.meta.email as { messageId?: string } | undefined)?.messageId === messageId, 15_000);
  await dovecot.deliver(to, raw);
  return (await created).message;
}

async function newMail(from: string, subject: string, to = MAILBOX, headers: Record<string, string> = {}) {
  const messageId = ownerMessageId();
  const raw = await composeMail({ from, to, subject, text: `${subject}，请处理。`, messageId, headers });
  return { raw, messageId };
}

/** Acknowledgements stored for these conversations (they are stored with the owner's mail). */
async function storedAcks(conversationIds: string[]) {
  const rows = await hx.deps.db.select().from(messages).where(and(inArray(messages.conversationId, conversationIds), eq(messages.direction, 'out')));
  return rows.filter((r) => r.meta.kind === 'email-ack');
}

/**
 * A mail that does get acknowledged, delivered last: mail is taken in UID order and its
 * acknowledgement is queued with it, so once this one's has reached the SMTP server every
 * mail before it was decided and any acknowledgement of theirs had its turn.
 */
async function sentinel(to = MAILBOX): Promise<void> {
  const owner = `sentinel.${Math.random().toString(36).slice(2, 8)}@owner.example`;
  const mail = await newMail(owner, '哨兵邮件');
  await deliverAndWait(mail.raw, mail.messageId, to);
  await sink.waitForMessage((m) => m.envelope.rcptTo.includes(owner) && isAck(m), 15_000);
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: [MAILBOX_USER, { user: WEIXIU, password: WEIXIU_PASSWORD }] });
  sink = await startSmtpSink();
  hx = await startTestServer({ env: mailboxEnv(dovecot, sink) });
  await eventually(async () => hx.email.runtime.status(hx.email.envInboxId ?? '')?.lastSyncAt, 15_000);
  socket = await hx.socket();
});

afterAll(async () => {
  socket?.disconnect();
  await hx?.close();
  await sink?.stop();
  await dovecot?.stop();
});

describe('email acknowledgement', () => {
  const OWNER = 'li.na@owner.example';
  let first: { conversationId: string; ownerId: string; ack: SinkMessage };

  it('a new owner mail gets one acknowledgement: a reply to it, with the reference number, marked Auto-Submitted', async () => {
    const mail = await newMail(`李娜 <${OWNER}>`, '5栋楼道灯不亮');
    const stored = await deliverAndWait(mail.raw, mail.messageId);
    const reference = conversationReference(stored.conversationId);
    expect(reference).toMatch(/^HX-[0-9A-F]{8}$/);

    const ack = await sink.waitForMessage((m) => m.envelope.rcptTo.includes(OWNER), 15_000);
    first = { conversationId: stored.conversationId, ownerId: mail.messageId, ack };
    const p = ack.parsed;
    expect(p.headers.get('auto-submitted')).toBe('auto-replied');
    expect(p.headers.get('x-auto-response-suppress')).toBe('All');
    expect(p.inReplyTo).toBe(mail.messageId);
    expect(p.references).toBe(mail.messageId);
    expect(p.subject).toBe('Re: 5栋楼道灯不亮');
    expect(p.from?.value[0]).toEqual({ name: '物业客服中心', address: MAILBOX });
    expect(p.text).toContain(`受理编号 ${reference}`);
    expect(p.text).toContain(`reference number is ${reference}`);

    // In the conversation as the bot's message, sent; the list still shows the owner's mail.
    const thread = await eventually(async () => {
      const list = (await hx.api<{ data: MessageView[] }>(`/api/conversations/${stored.conversationId}/messages`)).body.data;
      return list.find((m) => m.direction === 'out')?.delivery?.status === 'sent' ? list : null;
    });
    const out = thread.filter((m) => m.direction === 'out');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ sender: { type: 'bot' }, meta: { kind: 'email-ack', reference } });
    expect(p.messageId).toBe(`<huixin.${stored.conversationId}.${out[0]?.id}@wuye.example.com>`);
    const conv = (await hx.api<ConversationView>(`/api/conversations/${stored.conversationId}`)).body;
    expect(conv.lastMessage).toMatchObject({ direction: 'in' });
    // The number the owner quotes on the phone finds the conversation in the agents' search.
    const search = await hx.api<{ messages: { conversationId: string }[] }>(`/api/search?q=${encodeURIComponent(reference.toLowerCase())}`);
    expect(search.body.messages.map((h) => h.conversationId)).toEqual([stored.conversationId]);
  });

  it('a redelivered mail, the owner’s answer to the acknowledgement and a later mail of the thread get none', async () => {
    // The same mail again (a second copy in the folder): a duplicate, nothing new is stored.
    const again = await composeMail({ from: `李娜 <${OWNER}>`, to: MAILBOX, subject: '5栋楼道灯不亮', text: '5栋楼道灯不亮，请处理。', messageId: first.ownerId });
    await dovecot.deliver(MAILBOX, again);
    const answer = await answerTo(first.ack, `李娜 <${OWNER}>`, '补充：是3楼和4楼。');
    const joined = await deliverAndWait(answer.raw, answer.messageId, answer.to);
    expect(joined.conversationId).toBe(first.conversationId);
    // A client that threads by References to the first mail only.
    const laterId = ownerMessageId();
    const later = await composeMail({ from: `李娜 <${OWNER}>`, to: MAILBOX, subject: 'Re: 5栋楼道灯不亮', text: '今晚还是不亮。', messageId: laterId, inReplyTo: first.ownerId, references: [first.ownerId] });
    expect((await deliverAndWait(later, laterId)).conversationId).toBe(first.conversationId);

    await sentinel();
    expect(await storedAcks([first.conversationId])).toHaveLength(1);
    expect(acksTo(OWNER)).toHaveLength(1);
    const inbound = await hx.deps.db.select().from(messages).where(and(eq(messages.conversationId, first.conversationId), eq(messages.direction, 'in')));
    expect(inbound).toHaveLength(3);
  });

  it('a second mail of the same thread that opens its own conversation gets none (one per thread)', async () => {
    // A neighbour copied on the owner's mail answers it: not a participant, so a new conversation.
    const id = ownerMessageId('neighbour.example');
    const raw = await composeMail({ from: '王强 <wang.qiang@neighbour.example>', to: MAILBOX, subject: 'Re: 5栋楼道灯不亮', text: '我家楼层也不亮。', messageId: id, inReplyTo: first.ownerId, references: [first.ownerId] });
    const stored = await deliverAndWait(raw, id);
    expect(stored.conversationId).not.toBe(first.conversationId);
    expect(await storedAcks([stored.conversationId])).toEqual([]);

    // Two owners answering the same mail we never saw: the first opens and is acknowledged, the second not.
    const root = ownerMessageId('estate-group.example');
    const a = ownerMessageId('owner.example');
    const b = ownerMessageId('owner.example');
    const mailA = await composeMail({ from: 'zhang.min@owner.example', to: MAILBOX, cc: 'group@estate-group.example', subject: 'Re: 小区停水通知', text: '停水到几点？', messageId: a, inReplyTo: root, references: [root] });
    const mailB = await composeMail({ from: 'liu.yang@owner.example', to: MAILBOX, cc: 'group@estate-group.example', subject: 'Re: 小区停水通知', text: '我家也停了。', messageId: b, inReplyTo: root, references: [root] });
    const storedA = await deliverAndWait(mailA, a);
    const storedB = await deliverAndWait(mailB, b);
    expect(storedB.conversationId).not.toBe(storedA.conversationId);
    await sink.waitForMessage((m) => m.envelope.rcptTo.includes('zhang.min@owner.example') && isAck(m), 15_000);
    await sentinel();
    expect(acksTo('liu.yang@owner.example')).toEqual([]);
    expect(acksTo('wang.qiang@neighbour.example')).toEqual([]);
    const claims = await hx.deps.db.select().from(emailAcknowledgements).where(eq(emailAcknowledgements.threadRoot, root));
    expect(claims.map((c) => c.conversationId)).toEqual([storedA.conversationId]);
  });

  it('an auto-reply and bulk mail get none (and open nothing)', async () => {
    const vacation = await newMail('陈晨 <chen.chen@owner.example>', '外出休假', MAILBOX, { 'Auto-Submitted': 'auto-replied' });
    const bulk = await newMail('物业通讯 <news@estate-news.example>', '本月社区活动', MAILBOX, { Precedence: 'bulk' });
    const oof = Buffer.from(fixture('auto-reply-outlook-oof.eml').replace(/<huixin\.c10ack\.m0002@wuye\.example\.com>/g, first.ack.parsed.messageId ?? ''), 'latin1');
    await dovecot.deliver(MAILBOX, vacation.raw);
    await dovecot.deliver(MAILBOX, bulk.raw);
    // An out-of-office answering our acknowledgement: the loop that must not start.
    await dovecot.deliver(MAILBOX, oof);
    await sentinel();
    const stored = await hx.deps.db.select({ id: messages.id }).from(messages).where(inArray(messages.externalId, [vacation.messageId, bulk.messageId, '<5f0c2a9be37d4c61a8f1d2e3b4c5d6e7@EX2019.tenant-co.local>']));
    expect(stored).toEqual([]);
    expect(acksTo('chen.chen@owner.example')).toEqual([]);
    expect(acksTo('news@estate-news.example')).toEqual([]);
    expect(acksTo('zhoulei@tenant-co.example')).toEqual([]);
    expect(acksTo(OWNER)).toHaveLength(1);
  });

  it('mail that is stored but asks for no automatic answer, or comes from no-reply, gets none', async () => {
    const suppress = await deliverAndWait(Buffer.from(fixture('outlook-suppress-all.eml'), 'latin1'), '<FM-20261125-0931.7c41@tenant-co.example>');
    const loop = await deliverAndWait(Buffer.from(fixture('procmail-x-loop.eml'), 'latin1'), '<20261126131409.GA4121@home.example>');
    const noreply = await deliverAndWait(Buffer.from(fixture('noreply-payment.eml'), 'latin1'), '<pay.20261127100244.5d21@pay.example>');
    await sentinel();
    expect(await storedAcks([suppress.conversationId, loop.conversationId, noreply.conversationId])).toEqual([]);
    for (const address of ['facilities@tenant-co.example', 'hejun@home.example', 'no-reply@pay.example']) expect(acksTo(address)).toEqual([]);
  });

  it('mail from the center’s own addresses gets none', async () => {
    // The mailbox's own address (a copy of our own mail): not even stored.
    const own = await newMail(`物业客服中心 <${MAILBOX}>`, '内部测试');
    await dovecot.deliver(MAILBOX, own.raw);
    // Another mailbox of the center writing to this one: stored, never answered by a robot.
    const created = await hx.api<Mailbox>('/api/mailboxes', {
      method: 'POST',
      body: {
        name: '维修部信箱',
        from: { name: '维修部', address: WEIXIU },
        imap: { host: dovecot.host, port: dovecot.port, secure: false, user: WEIXIU, password: WEIXIU_PASSWORD },
        smtp: { host: sink.host, port: sink.port, secure: false },
        acknowledge: false,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.acknowledge).toBe(false);
    const colleague = await newMail(`维修部 <${WEIXIU}>`, '转：3栋电梯维保单');
    const stored = await deliverAndWait(colleague.raw, colleague.messageId);
    await sentinel();
    expect(await hx.deps.db.select({ id: messages.id }).from(messages).where(eq(messages.externalId, own.messageId))).toEqual([]);
    expect(await storedAcks([stored.conversationId])).toEqual([]);
    expect(sink.messages.filter((m) => m.envelope.rcptTo.includes(MAILBOX) || m.envelope.rcptTo.includes(WEIXIU))).toEqual([]);
  });

  it('a mailbox with acknowledge off sends none; switched on, it does', async () => {
    const list = (await hx.api<{ data: Mailbox[] }>('/api/mailboxes')).body.data;
    expect(list.find((m) => m.source === 'env')?.acknowledge).toBe(true);
    const weixiu = list.find((m) => m.source === 'api');
    if (!weixiu) throw new Error('the API mailbox is missing');
    await eventually(async () => (await hx.api<Mailbox>(`/api/mailboxes/${weixiu.id}`)).body.status?.lastSyncAt, 15_000);

    const off = await newMail('孙悦 <sun.yue@owner.example>', '阳台下水道堵了', WEIXIU);
    const offStored = await deliverAndWait(off.raw, off.messageId, WEIXIU);
    expect(await storedAcks([offStored.conversationId])).toEqual([]);

    const on = await hx.api<Mailbox>(`/api/mailboxes/${weixiu.id}`, { method: 'PATCH', body: { acknowledge: true } });
    expect(on.body.acknowledge).toBe(true);
    await eventually(async () => (await hx.api<Mailbox>(`/api/mailboxes/${weixiu.id}`)).body.status?.lastSyncAt, 15_000);
    const next = await newMail('孙悦 <sun.yue@owner.example>', '厨房水龙头滴水', WEIXIU);
    const nextStored = await deliverAndWait(next.raw, next.messageId, WEIXIU);
    const ack = await sink.waitForMessage((m) => m.envelope.rcptTo.includes('sun.yue@owner.example') && isAck(m), 15_000);
    expect(ack.parsed.inReplyTo).toBe(next.messageId);
    expect(ack.parsed.from?.value[0]?.address).toBe(WEIXIU);
    expect(ack.parsed.text).toContain(conversationReference(nextStored.conversationId));
    expect(acksTo('sun.yue@owner.example')).toHaveLength(1);
  });
});
