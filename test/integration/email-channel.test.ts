/**
 * The email channel end to end against real servers: mail delivered into a throwaway Dovecot
 * (LMTP) is picked up by the IMAP watcher, threaded and stored; agents' replies go out over
 * SMTP to a real SMTP server on loopback (smtp-server), and the owners' answers come back.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { eq } from 'drizzle-orm';
import { messages } from '../../db/schema/index.js';
import { eventually, nextEvent, startTestServer, type TestServer } from '../support/huixin.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../support/smtp-sink.js';
import { answerTo, composeMail, ownerMessageId } from '../support/owner-mail.js';
import { MAILBOX, MAILBOX_USER, mailboxEnv } from '../support/mail-env.js';

const OWNER = 'wang.fang@owner.example';
const fixture = (name: string): string => readFileSync(new URL(`../../channels/email/fixtures/${name}`, import.meta.url), 'latin1');

interface MessageView {
  id: string;
  conversationId: string;
  direction: 'in' | 'out';
  content: string;
  html: string | null;
  attachments: { fileName?: string; storageKey?: string; size?: number; skipped?: string }[];
  meta: Record<string, unknown>;
  delivery: { status: string; error: string | null } | null;
}
interface ConversationView {
  id: string;
  channel: string;
  subject: string | null;
  status: string;
  contact: { name: string };
}

let dovecot: DovecotServer;
let sink: SmtpSink;
let hx: TestServer;
let socket: Socket;

function serverEnv(): Record<string, string> {
  return mailboxEnv(dovecot, sink, { SMTP_SECURE: 'false', EMAIL_PLUS_ADDRESSING: 'true', EMAIL_MAX_ATTACHMENT_MB: '1' });
}

async function start(db?: TestServer['db']): Promise<TestServer> {
  const server = await startTestServer({ env: serverEnv(), db });
  // The watcher has looked at the folder once it recorded where it stands.
  await eventually(async () => server.email.runtime.status(server.email.envInboxId ?? '')?.lastSyncAt, 15_000);
  return server;
}

/** An agent's mail to that address, not the automatic acknowledgement of the owner's mail. */
const agentMailTo =
  (address: string) =>
  (m: SinkMessage): boolean =>
    m.envelope.rcptTo.includes(address) && !m.parsed.headers.has('auto-submitted');

async function messagesOf(conversationId: string): Promise<MessageView[]> {
  const r = await hx.api<{ data: MessageView[] }>(`/api/conversations/${conversationId}/messages`);
  return r.body.data;
}

/** Delivers into the mailbox and waits until intake stored the message with that Message-ID. */
async function deliverAndWait(raw: Buffer, messageId: string, to = MAILBOX): Promise<{ conversationId: string; message: MessageView }> {
  const created = nextEvent<{ message: MessageView }>(socket, 'message.created', (p) => p.message.meta.email !== undefined && (p.message.meta.email as { messageId: string }).messageId === messageId, 15_000);
  await dovecot.deliver(to, raw);
  const { message } = await created;
  return { conversationId: message.conversationId, message };
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: [MAILBOX_USER] });
  sink = await startSmtpSink();
  hx = await start();
  socket = await hx.socket();
});

afterAll(async () => {
  socket?.disconnect();
  await hx?.close();
  await sink?.stop();
  await dovecot?.stop();
});

describe('email channel', () => {
  let first: { conversationId: string; message: MessageView; ownerId: string };
  let reply: SinkMessage;

  it('a new mail is in the inbox within seconds of reaching the mailbox (IDLE)', async () => {
    const ownerId = ownerMessageId();
    const raw = await composeMail({
      from: `王芳 <${OWNER}>`,
      to: MAILBOX,
      subject: '3号楼电梯异响',
      text: '您好，3号楼2单元的电梯这两天一直有异响，麻烦派人看看。\n\n王芳\n3-2-1502',
      html: '<p>您好，3号楼2单元的电梯这两天一直有<b>异响</b>，麻烦派人看看。</p><img src="https://tracker.example/p.gif"><script>alert(1)</script>',
      messageId: ownerId,
    });
    const startedAt = Date.now();
    const got = await deliverAndWait(raw, ownerId);
    console.info(`[email] delivered → message.created in ${Date.now() - startedAt} ms`);
    first = { ...got, ownerId };

    const conv = await hx.api<ConversationView>(`/api/conversations/${got.conversationId}`);
    expect(conv.body).toMatchObject({ channel: 'email', subject: '3号楼电梯异响', status: 'open', contact: { name: '王芳' } });
    expect(got.message.content).toContain('电梯这两天一直有异响');
    expect(got.message.html).toContain('<b>异响</b>');
    expect(got.message.html).not.toContain('<script');
    expect(got.message.html).toContain('data-remote-src="https://tracker.example/p.gif"');
    expect(got.message.meta.fullText).toContain('3-2-1502');
    expect(got.message.meta.threading).toEqual({ action: 'open', reason: 'no-reply-headers' });
  });

  it('an agent reply goes out over SMTP with the headers that thread it', async () => {
    const sent = await hx.api<MessageView>(`/api/conversations/${first.conversationId}/messages`, {
      method: 'POST',
      body: {
        content: '王女士您好，已通知工程部今天下午检修电梯。\n\n物业客服中心',
        attachments: [{ fileName: '检修通知.txt', mimeType: 'text/plain', data: Buffer.from('检修时间：14:00-16:00').toString('base64') }],
      },
    });
    expect(sent.status).toBe(201);
    reply = await sink.waitForMessage(agentMailTo(OWNER));
    const p = reply.parsed;
    expect(p.from?.value[0]).toEqual({ name: 'Admin', address: MAILBOX });
    expect(p.to && !Array.isArray(p.to) ? p.to.value[0]?.address : null).toBe(OWNER);
    expect(p.subject).toBe('Re: 3号楼电梯异响');
    expect(p.inReplyTo).toBe(first.ownerId);
    expect(p.references).toBe(first.ownerId);
    expect(p.messageId).toBe(`<huixin.${first.conversationId}.${sent.body.id}@wuye.example.com>`);
    expect(p.replyTo?.value[0]?.address).toMatch(/^kefu\+[a-z0-9]{16}@wuye\.example\.com$/);
    expect(p.text?.trim()).toBe('王女士您好，已通知工程部今天下午检修电梯。\n\n物业客服中心');
    expect(p.html).toContain('<p>王女士您好，已通知工程部今天下午检修电梯。</p>');
    expect(p.attachments.map((a) => [a.filename, a.content.toString('utf8')])).toEqual([['检修通知.txt', '检修时间：14:00-16:00']]);

    await eventually(async () => (await messagesOf(first.conversationId)).find((m) => m.id === sent.body.id)?.delivery?.status === 'sent');
  });

  it('the owner’s answer to our reply joins the conversation (In-Reply-To)', async () => {
    const answer = await answerTo(reply, `王芳 <${OWNER}>`, '好的，谢谢！下午我在家。');
    const got = await deliverAndWait(answer.raw, answer.messageId, answer.to);
    expect(got.conversationId).toBe(first.conversationId);
    expect(got.message.content).toBe('好的，谢谢！下午我在家。');
    expect(got.message.meta.fullText).toContain('写道');
    expect(got.message.meta.threading).toMatchObject({ action: 'join', reason: 'in-reply-to' });
  });

  it('a reply addressed only to the reply+token@ address joins by the token', async () => {
    const token = /kefu\+([a-z0-9]+)@/.exec(reply.parsed.replyTo?.value[0]?.address ?? '')?.[1];
    expect(token).toBeTruthy();
    const id = ownerMessageId();
    // A client that drops In-Reply-To/References (some webmail forwards-as-reply do).
    const raw = await composeMail({ from: `王芳 <${OWNER}>`, to: `kefu+${token}@wuye.example.com`, subject: '补充', text: '电梯在2单元，不是1单元。', messageId: id });
    const got = await deliverAndWait(raw, id, `kefu+${token}@wuye.example.com`);
    expect(got.conversationId).toBe(first.conversationId);
    expect(got.message.meta.threading).toMatchObject({ action: 'join', reason: 'reply-token' });
  });

  it('headers pointing at a conversation the sender is not part of open a new one', async () => {
    const id = ownerMessageId('stranger.example');
    const raw = await composeMail({
      from: '李四 <lisi@stranger.example>',
      to: MAILBOX,
      subject: 'Re: 3号楼电梯异响',
      text: '我也是3号楼的，电梯确实响。',
      messageId: id,
      inReplyTo: reply.parsed.messageId,
      references: [first.ownerId, reply.parsed.messageId ?? ''],
    });
    const got = await deliverAndWait(raw, id);
    expect(got.conversationId).not.toBe(first.conversationId);
    expect(got.message.meta.threading).toEqual({ action: 'open', reason: 'sender-not-participant', refusedConversationId: first.conversationId });
  });

  it('a new mail from a known owner with the same subject is a new conversation (subject never merges)', async () => {
    const id = ownerMessageId();
    const raw = await composeMail({ from: `王芳 <${OWNER}>`, to: MAILBOX, subject: '3号楼电梯异响', text: '另外，车库门禁卡也坏了。', messageId: id });
    const got = await deliverAndWait(raw, id);
    expect(got.conversationId).not.toBe(first.conversationId);
    expect(got.message.meta.threading).toEqual({ action: 'open', reason: 'no-reply-headers' });
  });

  it('auto-replies and bulk mail open nothing; an owner’s answer to a resolved matter reopens it', async () => {
    await hx.api(`/api/conversations/${first.conversationId}`, { method: 'PATCH', body: { status: 'resolved' } });
    const vacation = fixture('auto-reply-vacation.eml').replace(/<huixin\.c07vacation\.m0002@wuye\.example\.com>/g, reply.parsed.messageId ?? '');
    await dovecot.deliver(MAILBOX, Buffer.from(vacation, 'latin1'));
    await dovecot.deliver(MAILBOX, Buffer.from(fixture('bulk-newsletter.eml'), 'latin1'));
    // Mail is taken in UID order: once this answer is in, the two before it were handled.
    const answer = await answerTo(reply, `王芳 <${OWNER}>`, '电梯还是有点响，麻烦再看一下。');
    const got = await deliverAndWait(answer.raw, answer.messageId, answer.to);
    expect(got.conversationId).toBe(first.conversationId);
    const conv = await hx.api<ConversationView>(`/api/conversations/${first.conversationId}`);
    expect(conv.body.status).toBe('open');
    const stored = await hx.deps.db.select({ id: messages.id }).from(messages).where(eq(messages.externalId, '<CAFvacation0a1b2c3d4e5f60718293a4b5c6d7e8f9@mail.gmail.example>'));
    expect(stored).toEqual([]);
    expect((await messagesOf(first.conversationId)).filter((m) => m.direction === 'in')).toHaveLength(4);
  });

  it('a bounce of our reply marks it failed with the reason', async () => {
    const id = ownerMessageId('qq.example');
    const { conversationId } = await deliverAndWait(await composeMail({ from: 'wrong.owner@qq.example', to: MAILBOX, subject: '停车卡办理', text: '停车卡怎么办理？', messageId: id }), id);
    const sent = await hx.api<MessageView>(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content: '您好，停车卡已办好，请到物业服务中心领取。' } });
    const out = await sink.waitForMessage(agentMailTo('wrong.owner@qq.example'));
    await eventually(async () => (await messagesOf(conversationId)).find((m) => m.id === sent.body.id)?.delivery?.status === 'sent');

    const failed = nextEvent<{ message: MessageView }>(socket, 'message.updated', (p) => p.message.id === sent.body.id, 15_000);
    const dsn = fixture('dsn-bounce.eml')
      .replace('<huixin.c09bounce.m0002@wuye.example.com>', out.parsed.messageId ?? '')
      .replace('<20261122085606.9246B20C3E96@mx.wuye.example.com>', ownerMessageId('mx.wuye.example.com'));
    await dovecot.deliver(MAILBOX, Buffer.from(dsn, 'latin1'));
    const { message } = await failed;
    expect(message.delivery?.status).toBe('failed');
    expect(message.delivery?.error).toContain('5.1.1');
    expect(message.delivery?.error).toContain('Mailbox not found');
    // The bounce itself is not a message of any conversation.
    expect((await messagesOf(conversationId)).filter((m) => m.meta.kind !== 'email-ack').map((m) => m.direction)).toEqual(['in', 'out']);
  });

  it('a bounce without the returned Message-ID fails the reply to that recipient under that subject', async () => {
    const owner = 'gone.owner@qq.example';
    const replyIn = async (subject: string, content: string): Promise<{ conversationId: string; replyId: string }> => {
      const id = ownerMessageId('qq.example');
      const { conversationId } = await deliverAndWait(await composeMail({ from: owner, to: MAILBOX, subject, text: `${subject}？`, messageId: id }), id);
      const sent = await hx.api<MessageView>(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content } });
      await eventually(async () => (await messagesOf(conversationId)).find((m) => m.id === sent.body.id)?.delivery?.status === 'sent');
      return { conversationId, replyId: sent.body.id };
    };
    const parking = await replyIn('停车卡办理', '停车卡已办好。');
    // The more recent reply to the same address, under another subject, is not the one that bounced.
    const gate = await replyIn('门禁卡', '门禁卡明天可以领取。');

    const failed = nextEvent<{ message: MessageView }>(socket, 'message.updated', (p) => p.message.delivery?.status === 'failed' && [parking.replyId, gate.replyId].includes(p.message.id), 15_000);
    const dsn = fixture('dsn-bounce.eml')
      .replaceAll('wrong.owner@qq.example', owner)
      .replace(/^Message-ID: <huixin\.c09bounce\.m0002@wuye\.example\.com>\r?\n/m, '')
      .replace('<20261122085606.9246B20C3E96@mx.wuye.example.com>', ownerMessageId('mx.wuye.example.com'));
    expect(dsn).not.toContain('huixin.c09bounce');
    await dovecot.deliver(MAILBOX, Buffer.from(dsn, 'latin1'));
    const { message } = await failed;
    expect(message.id).toBe(parking.replyId);
    expect(message.delivery?.error).toContain('5.1.1');
    expect((await messagesOf(gate.conversationId)).find((m) => m.id === gate.replyId)?.delivery?.status).toBe('sent');
  });

  it('a delay notice leaves the reply sent and puts a delivery warning on it', async () => {
    const owner = 'slow.owner@qq.example';
    const id = ownerMessageId('qq.example');
    const { conversationId } = await deliverAndWait(await composeMail({ from: owner, to: MAILBOX, subject: '停车卡办理', text: '停车卡怎么办理？', messageId: id }), id);
    const sent = await hx.api<MessageView>(`/api/conversations/${conversationId}/messages`, { method: 'POST', body: { content: '请带身份证到服务中心。' } });
    const out = await sink.waitForMessage(agentMailTo(owner));
    await eventually(async () => (await messagesOf(conversationId)).find((m) => m.id === sent.body.id)?.delivery?.status === 'sent');

    const warned = nextEvent<{ message: MessageView }>(socket, 'message.updated', (p) => p.message.id === sent.body.id, 15_000);
    const dsn = fixture('dsn-bounce.eml')
      .replaceAll('wrong.owner@qq.example', owner)
      .replace('<huixin.c09bounce.m0002@wuye.example.com>', out.parsed.messageId ?? '')
      .replace('Action: failed', 'Action: delayed')
      .replace('Status: 5.1.1', 'Status: 4.4.7')
      .replace('<20261122085606.9246B20C3E96@mx.wuye.example.com>', ownerMessageId('mx.wuye.example.com'));
    await dovecot.deliver(MAILBOX, Buffer.from(dsn, 'latin1'));
    const { message } = await warned;
    expect(message.delivery?.status).toBe('sent');
    expect(message.meta.deliveryWarning).toMatchObject({ kind: 'delayed', status: '4.4.7' });
    const stored = (await messagesOf(conversationId)).find((m) => m.id === sent.body.id);
    expect(stored?.meta.deliveryWarning).toMatchObject({ kind: 'delayed', status: '4.4.7' });
    expect(stored?.delivery?.status).toBe('sent');
  });

  it('stores attachments (downloadable), records an oversized one as skipped, still ingests the mail', async () => {
    const id = ownerMessageId();
    const big = Buffer.alloc(1_500_000, 7);
    const raw = await composeMail({
      from: `王芳 <${OWNER}>`,
      to: MAILBOX,
      subject: '漏水照片',
      text: '卫生间天花板漏水，照片和视频见附件。',
      messageId: id,
      attachments: [
        { filename: '漏水.png', content: Buffer.from('89504e470d0a1a0a', 'hex'), contentType: 'image/png' },
        { filename: '视频.mp4', content: big, contentType: 'video/mp4' },
      ],
    });
    const got = await deliverAndWait(raw, id);
    expect(got.message.content).toContain('卫生间天花板漏水');
    const [image, video] = got.message.attachments;
    expect(video).toMatchObject({ fileName: '视频.mp4', skipped: 'too large' });
    expect(video?.storageKey).toBeUndefined();
    expect(image?.fileName).toBe('漏水.png');
    const res = await fetch(`${hx.url}/api/messages/${got.message.id}/attachments/0`, { headers: { authorization: `Bearer ${hx.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).toString('hex')).toBe('89504e470d0a1a0a');
    expect((await fetch(`${hx.url}/api/messages/${got.message.id}/attachments/1`, { headers: { authorization: `Bearer ${hx.token}` } })).status).toBe(404);
  });
});
