import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeEmail, syntheticMessageId } from './normalize.js';
import { parseEmail, type ParsedEmail } from './parse.js';

const load = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const opts = { inboxId: 'inbox-1', maxAttachmentBytes: 25 * 1024 * 1024 };

function parsed(overrides: Partial<ParsedEmail> = {}): ParsedEmail {
  return {
    references: [],
    replyTo: [],
    to: [],
    cc: [],
    deliveredTo: [],
    subject: '报修',
    text: '楼道灯不亮。',
    textSource: 'plain',
    attachments: [],
    headers: {},
    mimeType: 'text/plain',
    mimeParams: {},
    charsetFallbacks: [],
    sourceHash: 'ab'.repeat(32),
    size: 100,
    from: { address: 'Owner@Example.COM', name: '' },
    ...overrides,
  };
}

describe('normalizeEmail', () => {
  it('turns a reply into an email message with trimmed text and the full text in meta', async () => {
    const mail = await parseEmail(load('qq-gb18030-reply.eml'), opts);
    const message = normalizeEmail(mail, 'inbox-9');
    expect(message).toMatchObject({
      kind: 'message',
      channel: 'email',
      inboxId: 'inbox-9',
      externalId: '<tencent_7EBBB4E0FBDB1CA419771E415EEC20A8FD0A@qq.example>',
      // The root of the thread, from References[0].
      threadKey: '<tencent_1B2C3D4E5F60718293A4B5C6D7E8F9012345@qq.example>',
      inReplyTo: '<huixin.c02qqmail.m0002@wuye.example.com>',
      author: { externalId: 'taoyi@qq.example', name: '陶𫖮', email: 'taoyi@qq.example' },
      contentType: 'email',
      subject: '回复：Re: 车库照明报修',
    });
    expect(message.text).not.toContain('原始邮件');
    expect(message.meta).toEqual({ fullText: mail.text, trimmed: true });
    expect(message.html).toBe(mail.html);
    expect(message.sentAt.toISOString()).toBe('2026-11-20T07:08:49.000Z');
  });

  it('uses its own Message-ID as thread key for a new mail', async () => {
    const message = normalizeEmail(await parseEmail(load('outlook-big5.eml'), opts), 'inbox-1');
    expect(message.threadKey).toBe(message.externalId);
    expect(message.inReplyTo).toBeUndefined();
  });

  it('maps attachments: inline images as images with their Content-ID, skipped ones marked', async () => {
    const image = normalizeEmail(await parseEmail(load('inline-image.eml'), opts), 'i');
    expect(image.attachments).toEqual([{ kind: 'image', fileId: 'ii_libj9tsr0', fileName: '墙面裂缝.png', mimeType: 'image/png', size: 129 }]);
    const pdf = normalizeEmail(await parseEmail(load('attachment-pdf.eml'), { ...opts, maxAttachmentBytes: 10 }), 'i');
    expect(pdf.attachments[0]).toMatchObject({ kind: 'file', mimeType: 'application/pdf', skipped: 'too large' });
  });

  it('lowercases the address for the author id and falls back to the local part for the name', () => {
    const message = normalizeEmail(parsed(), 'i');
    expect(message.author).toEqual({ externalId: 'owner@example.com', name: 'Owner', email: 'owner@example.com' });
  });

  it('derives a deterministic id from the raw source when the Message-ID is missing', () => {
    const a = normalizeEmail(parsed(), 'i');
    const b = normalizeEmail(parsed(), 'i');
    const other = normalizeEmail(parsed({ sourceHash: 'cd'.repeat(32) }), 'i');
    expect(a.externalId).toBe(syntheticMessageId('ab'.repeat(32)));
    expect(a.externalId).toMatch(/^<missing\.[0-9a-f]{32}@huixin\.invalid>$/);
    expect(b.externalId).toBe(a.externalId);
    expect(other.externalId).not.toBe(a.externalId);
    expect(a.threadKey).toBe(a.externalId);
  });

  it('groups a reply that only has In-Reply-To with its parent', () => {
    const message = normalizeEmail(parsed({ messageId: '<c@x>', inReplyTo: '<p@x>' }), 'i');
    expect(message.threadKey).toBe('<p@x>');
  });

  it('never reads the clock: a mail without a date gets the caller’s receivedAt, else the epoch', () => {
    const receivedAt = new Date('2026-11-23T02:00:00Z');
    expect(normalizeEmail(parsed(), 'i', { receivedAt }).sentAt).toEqual(receivedAt);
    expect(normalizeEmail(parsed(), 'i').sentAt.getTime()).toBe(0);
  });

  it('trims an HTML-only reply: the quoted blockquote does not reach the shown text', async () => {
    const raw = Buffer.from(
      [
        'From: =?UTF-8?B?5ZC05pWP?= <wumin.owner@163.example>',
        'To: kefu@wuye.example.com',
        'Subject: Re: =?UTF-8?B?5Y6o5oi/5ryP5rC0?=',
        'Message-ID: <html-only-reply@163.example>',
        'In-Reply-To: <huixin.c10web.m0002@wuye.example.com>',
        'Date: Thu, 19 Nov 2026 09:00:00 +0800',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<div>周六上午可以，谢谢！</div><div><br></div><div>在 2026年11月18日 16:00，汇信物业客服中心 &lt;kefu@wuye.example.com&gt; 写道：</div><blockquote><div>吴女士您好，师傅周几方便上门？</div></blockquote>',
      ].join('\r\n'),
    );
    const message = normalizeEmail(await parseEmail(raw, opts), 'i');
    expect(message.text).toBe('周六上午可以，谢谢！');
    expect(message.meta?.fullText).toContain('师傅周几方便上门');
    expect(message.html).toContain('<blockquote>');
  });

  it('keeps raw small and serializable', async () => {
    const message = normalizeEmail(await parseEmail(load('attachment-pdf.eml'), opts), 'i');
    expect(() => JSON.stringify(message.raw)).not.toThrow();
    expect(JSON.stringify(message.raw).length).toBeLessThan(1000);
  });
});
