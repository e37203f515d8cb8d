/**
 * Proves the two real mail servers the email channel's integration tests stand on:
 * a throwaway Dovecot (IMAP + LMTP delivery, IDLE) and an SMTP sink (smtp-server).
 */
import { readFileSync } from 'node:fs';
import { ImapFlow, type ExistsEvent } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmail } from '../../channels/email/parse.js';
import { makeMessageId } from '../../channels/email/threading.js';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../channels/email/fixtures/${name}`, import.meta.url));

function imapClient(server: DovecotServer, user: string): ImapFlow {
  const account = server.users.find((u) => u.user === user);
  if (!account) throw new Error(`no such test user ${user}`);
  return new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    // Plain IMAP on loopback: no STARTTLS offered, none wanted.
    doSTARTTLS: false,
    auth: { user: account.user, pass: account.password },
    logger: false,
    disableAutoIdle: true,
  });
}

describe('Dovecot test server', () => {
  let dovecot: DovecotServer;

  beforeAll(async () => {
    dovecot = await startDovecot({
      users: [
        { user: 'kefu@wuye.example.com', password: 'kefu-secret' },
        { user: 'weixiu@wuye.example.com', password: 'weixiu-secret' },
      ],
    });
  });

  afterAll(async () => {
    await dovecot?.stop();
  });

  it('rejects a wrong password', async () => {
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user: 'kefu@wuye.example.com', pass: 'wrong' }, logger: false });
    await expect(client.connect()).rejects.toThrow();
  });

  it('delivers through LMTP and IDLE notices the new message within seconds', async () => {
    const client = imapClient(dovecot, 'kefu@wuye.example.com');
    await client.connect();
    try {
      const mailbox = await client.mailboxOpen('INBOX');
      const before = mailbox.exists;

      const exists = new Promise<ExistsEvent>((resolve) => client.once('exists', resolve));
      const idling = client.idle();
      const deliveredAt = Date.now();
      // To the plus address: Dovecot strips the detail and files it in kefu's INBOX.
      await dovecot.deliver('kefu+t8Kq2mZx@wuye.example.com', fixture('qq-gb18030-reply.eml'));

      const event = await exists;
      expect(Date.now() - deliveredAt).toBeLessThan(5000);
      expect(event.count).toBe(before + 1);
      expect(event.path).toBe('INBOX');

      // The next command ends IDLE; fetch what arrived and read it with our parser.
      const message = await client.fetchOne(String(event.count), { source: true, uid: true, envelope: true });
      await idling;
      if (!message || !message.source) throw new Error('message not fetched');
      expect(message.envelope?.messageId).toBe('<tencent_7EBBB4E0FBDB1CA419771E415EEC20A8FD0A@qq.example>');

      const parsed = await parseEmail(message.source, { inboxId: 'inbox-1', maxAttachmentBytes: 1024 * 1024 });
      expect(parsed.from?.name).toBe('陶𫖮');
      expect(parsed.text).toContain('车库的灯已经修好了');
      // LMTP recorded the envelope recipient, token included.
      expect(parsed.deliveredTo).toContain('kefu+t8Kq2mZx@wuye.example.com');
      // Dovecot prepends the envelope sender (the fixture already carries its own).
      expect(parsed.headers['return-path']?.[0]).toBe('<sender@test.invalid>');
    } finally {
      await client.logout();
    }
  });

  it('keeps mailboxes apart and keeps UIDs stable across connections', async () => {
    await dovecot.deliver('weixiu@wuye.example.com', fixture('outlook-big5.eml'));
    await dovecot.deliver('weixiu@wuye.example.com', fixture('thunderbird-iso2022jp.eml'));

    const other = imapClient(dovecot, 'weixiu@wuye.example.com');
    await other.connect();
    const first = await other.mailboxOpen('INBOX');
    const uids: number[] = [];
    for await (const m of other.fetch('1:*', { uid: true, envelope: true })) uids.push(m.uid);
    await other.logout();
    expect(first.exists).toBe(2);
    expect(uids).toEqual([1, 2]);

    const again = imapClient(dovecot, 'weixiu@wuye.example.com');
    await again.connect();
    const second = await again.mailboxOpen('INBOX');
    await again.logout();
    expect(second.uidValidity).toBe(first.uidValidity);
    expect(Number(second.uidNext)).toBe(3);

    const kefu = imapClient(dovecot, 'kefu@wuye.example.com');
    await kefu.connect();
    const own = await kefu.mailboxOpen('INBOX');
    await kefu.logout();
    expect(own.exists).toBe(1);
  });

  it('refuses delivery to an unknown user', async () => {
    await expect(dovecot.deliver('nobody@wuye.example.com', fixture('outlook-big5.eml'))).rejects.toThrow();
  });
});

describe('SMTP sink', () => {
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink?.stop();
  });

  const transport = () => nodemailer.createTransport({ host: sink.host, port: sink.port, secure: false, ignoreTLS: true });

  it('receives what nodemailer sends: envelope, threading headers and both bodies', async () => {
    const messageId = makeMessageId('c02qqmail', 'm0003', 'wuye.example.com');
    await transport().sendMail({
      from: { name: '汇信物业客服中心', address: 'kefu@wuye.example.com' },
      to: 'taoyi@qq.example',
      replyTo: 'kefu+t8Kq2mZx@wuye.example.com',
      subject: 'Re: 车库照明报修',
      messageId,
      inReplyTo: '<tencent_7EBBB4E0FBDB1CA419771E415EEC20A8FD0A@qq.example>',
      references: ['<tencent_1B2C3D4E5F60718293A4B5C6D7E8F9012345@qq.example>', '<tencent_7EBBB4E0FBDB1CA419771E415EEC20A8FD0A@qq.example>'],
      text: '陶先生您好，地砖已登记，明天上午安排师傅处理。',
      html: '<p>陶先生您好，地砖已登记，明天上午安排师傅处理。</p>',
    });

    const received = await sink.waitForMessage((m) => m.parsed.messageId === messageId);
    expect(received.envelope).toEqual({ mailFrom: 'kefu@wuye.example.com', rcptTo: ['taoyi@qq.example'] });
    expect(received.parsed.subject).toBe('Re: 车库照明报修');
    expect(received.parsed.inReplyTo).toBe('<tencent_7EBBB4E0FBDB1CA419771E415EEC20A8FD0A@qq.example>');
    expect(received.parsed.references).toEqual(['<tencent_1B2C3D4E5F60718293A4B5C6D7E8F9012345@qq.example>', '<tencent_7EBBB4E0FBDB1CA419771E415EEC20A8FD0A@qq.example>']);
    expect(received.parsed.text?.trim()).toBe('陶先生您好，地砖已登记，明天上午安排师傅处理。');
    expect(received.parsed.html).toContain('<p>陶先生您好');
    expect(received.raw.toString('latin1')).toMatch(/^Reply-To: kefu\+t8Kq2mZx@wuye\.example\.com\r$/m);
  });

  it('answers 4xx and 5xx on request, then accepts again', async () => {
    const mail = { from: 'kefu@wuye.example.com', to: 'owner@qq.example', subject: 'retry', text: 'x' };

    sink.setResponse(451, '4.3.0 Try again later');
    await expect(transport().sendMail(mail)).rejects.toMatchObject({ responseCode: 451 });

    sink.setResponse(550, '5.1.1 Mailbox unavailable', 'rcpt');
    await expect(transport().sendMail(mail)).rejects.toMatchObject({ responseCode: 550 });

    sink.setResponse(null);
    const before = sink.messages.length;
    await transport().sendMail(mail);
    expect(sink.messages.length).toBe(before + 1);
    expect(sink.rejections.map((r) => [r.stage, r.code])).toEqual([
      ['data', 451],
      ['rcpt', 550],
    ]);
  });

  it('fails a limited number of times when asked (a transient outage)', async () => {
    const flaky = await startSmtpSink({ failWith: { code: 421, text: '4.7.0 Busy', stage: 'mail', times: 1 } });
    try {
      const t = nodemailer.createTransport({ host: flaky.host, port: flaky.port, secure: false, ignoreTLS: true });
      const mail = { from: 'kefu@wuye.example.com', to: 'owner@qq.example', subject: 'once', text: 'x' };
      await expect(t.sendMail(mail)).rejects.toMatchObject({ responseCode: 421 });
      await t.sendMail(mail);
      expect(flaky.messages).toHaveLength(1);
    } finally {
      await flaky.stop();
    }
  });

  it('checks SMTP AUTH when configured', async () => {
    const authed = await startSmtpSink({ auth: { user: 'kefu', pass: 'smtp-secret' } });
    try {
      const good = nodemailer.createTransport({ host: authed.host, port: authed.port, secure: false, ignoreTLS: true, auth: { user: 'kefu', pass: 'smtp-secret' } });
      await good.sendMail({ from: 'kefu@wuye.example.com', to: 'owner@qq.example', subject: 'auth', text: 'x' });
      expect(authed.messages[0]?.authUser).toBe('kefu');
      const bad = nodemailer.createTransport({ host: authed.host, port: authed.port, secure: false, ignoreTLS: true, auth: { user: 'kefu', pass: 'nope' } });
      await expect(bad.sendMail({ from: 'kefu@wuye.example.com', to: 'owner@qq.example', subject: 'auth', text: 'x' })).rejects.toMatchObject({ responseCode: 535 });
    } finally {
      await authed.stop();
    }
  });
});
