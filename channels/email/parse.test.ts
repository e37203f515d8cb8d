import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messageIdsIn, parseEmail } from './parse.js';

const load = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const opts = { inboxId: 'inbox-1', maxAttachmentBytes: 25 * 1024 * 1024 };
const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'utf8');

describe('parseEmail: charsets', () => {
  it('decodes a GB2312 Foxmail mail: encoded-word subject, base64 text, QP HTML', async () => {
    const mail = await parseEmail(load('foxmail-gb2312-reply.eml'), opts);
    expect(mail.subject).toBe('回复: Re: 5栋顶楼漏水');
    expect(mail.to).toEqual([{ address: 'kefu@wuye.example.com', name: '汇信物业客服中心' }]);
    expect(mail.textSource).toBe('plain');
    expect(mail.text).toContain('楼顶防水层老化');
    expect(mail.html).toContain('次卧天花板一直在滴水');
    // Foxmail's <style> block is gone, the text survives.
    expect(mail.html).not.toMatch(/<style|line-height: 1\.5; }/);
  });

  it('decodes GB18030 including a 4-byte character GBK does not have', async () => {
    const mail = await parseEmail(load('qq-gb18030-reply.eml'), opts);
    expect(mail.from).toEqual({ address: 'taoyi@qq.example', name: '陶𫖮' });
    expect(mail.text).toContain('陶𫖮');
    expect(mail.html).toContain('陶𫖮');
  });

  it('reads text labelled gb2312 that really is GBK (as Outlook sends it)', async () => {
    const mail = await parseEmail(load('outlook-yuanshi-reply.eml'), opts);
    expect(mail.from?.name).toBe('赵喆');
    expect(mail.text).toContain('赵喆\n3栋1单元801');
  });

  it('decodes Big5 text and Word-generated Big5 HTML', async () => {
    const mail = await parseEmail(load('outlook-big5.eml'), opts);
    expect(mail.from?.name).toBe('陳美玲');
    expect(mail.text).toContain('我是A棟12樓之3的住戶陳美玲。');
    expect(mail.html).toContain('大樓中庭的感應燈已經壞了一個星期');
    expect(mail.html).not.toMatch(/<style|<xml|mso|o:p/i);
  });

  it('decodes ISO-2022-JP bodies and headers', async () => {
    const mail = await parseEmail(load('thunderbird-iso2022jp.eml'), opts);
    expect(mail.subject).toBe('断水の時間について');
    expect(mail.from?.name).toBe('佐藤 花子');
    expect(mail.text).toContain('在宅勤務のため、事前に水を用意しておきたいと思います。');
    expect(mail.text).not.toContain('\u001b');
  });

  it('decodes UTF-8 quoted-printable with soft line breaks', async () => {
    const mail = await parseEmail(load('iphone-utf8-qp-reply.eml'), opts);
    expect(mail.text).toContain('> 在 2026年11月20日，下午3:12，汇信物业客服中心 <kefu@wuye.example.com> 写道：');
    expect(mail.text).not.toMatch(/=[0-9A-F]{2}/);
  });
});

describe('parseEmail: structure', () => {
  it('keeps attachments with their decoded bytes and RFC 2231 names', async () => {
    const mail = await parseEmail(load('attachment-pdf.eml'), opts);
    expect(mail.attachments).toHaveLength(1);
    const [pdf] = mail.attachments;
    expect(pdf?.fileName).toBe('装修申请表-5栋1203.pdf');
    expect(pdf?.mimeType).toBe('application/pdf');
    expect(pdf?.inline).toBe(false);
    expect(pdf?.content?.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf?.size).toBe(pdf?.content?.length);
  });

  it('records an attachment over the limit as skipped and still parses the mail', async () => {
    const mail = await parseEmail(load('attachment-pdf.eml'), { ...opts, maxAttachmentBytes: 100 });
    const [pdf] = mail.attachments;
    expect(pdf?.skipped).toBe('too large');
    expect(pdf?.content).toBeUndefined();
    expect(pdf?.size).toBeGreaterThan(100);
    expect(mail.text).toContain('附件是填好的装修申请表');
  });

  it('embeds an inline cid: image as a data: URI and lists it as an inline part', async () => {
    const mail = await parseEmail(load('inline-image.eml'), opts);
    const [image] = mail.attachments;
    expect(image).toMatchObject({ contentId: 'ii_libj9tsr0', mimeType: 'image/png', inline: true, fileName: '墙面裂缝.png' });
    expect(image?.content?.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(mail.html).toMatch(/<img[^>]+src="data:image\/png;base64,iVBORw0KGgo/);
    expect(mail.html).toContain('data-cid="ii_libj9tsr0"');
  });

  it('does not embed an inline image that is over the limit', async () => {
    const mail = await parseEmail(load('inline-image.eml'), { ...opts, maxAttachmentBytes: 50 });
    expect(mail.attachments[0]?.skipped).toBe('too large');
    expect(mail.html).toContain('data-cid="ii_libj9tsr0"');
    expect(mail.html).not.toContain('data:image');
  });

  it('derives the text of HTML-only mail from the sanitized HTML', async () => {
    const mail = await parseEmail(load('html-only-webform.eml'), opts);
    expect(mail.textSource).toBe('html');
    expect(mail.text).toContain('报修内容  厨房水槽下水管漏水，橱柜底板已经泡坏&发霉。');
    expect(mail.text).toContain('• 下午 14:00–17:00');
    expect(mail.text).not.toMatch(/document\.cookie|alert|evil/);
    expect(mail.html).not.toMatch(/<script|onload|onclick|javascript:|<iframe|<form|url\(/i);
    expect(mail.html).toContain('data-remote-src="https://tracker.example.net/open.gif?id=0042"');
    expect(mail.html).not.toMatch(/\ssrc="https?:/);
  });

  it('reads the delivery-status part and the returned headers of a DSN', async () => {
    const mail = await parseEmail(load('dsn-bounce.eml'), opts);
    expect(mail.mimeType).toBe('multipart/report');
    expect(mail.mimeParams['report-type']).toBe('delivery-status');
    expect(mail.deliveryStatus).toContain('Final-Recipient: rfc822; wrong.owner@qq.example');
    expect(mail.returnedHeaders).toContain('Message-ID: <huixin.c09bounce.m0002@wuye.example.com>');
    expect(mail.attachments.map((a) => a.mimeType)).not.toContain('message/delivery-status');
  });

  it('keeps Delivered-To, where a plus-address reply token survives', async () => {
    const mail = await parseEmail(load('gmail-zh-reply.eml'), opts);
    expect(mail.deliveredTo).toEqual(['kefu+t8Kq2mZx@wuye.example.com']);
    expect(mail.references).toEqual(['<CAGsJ_4x0rootMessageAbc123@mail.gmail.example>', '<huixin.c04gmail.m0002@wuye.example.com>']);
  });

  it('exposes the raw header values auto-reply detection needs', async () => {
    const mail = await parseEmail(load('auto-reply-exchange.eml'), opts);
    expect(mail.headers['x-autoreply']).toEqual(['yes']);
    expect(mail.headers['auto-submitted']).toEqual(['auto-generated']);
  });

  it('copes with a mail without Message-ID and Date (date from the newest Received)', async () => {
    const raw = crlf([
      'Received: from mx.example.com by mail.example.com; Mon, 23 Nov 2026 10:00:00 +0800',
      'Received: from client by mx.example.com; Mon, 23 Nov 2026 09:59:58 +0800',
      'From: 业主 <Owner@Example.com>',
      'To: kefu@wuye.example.com',
      'Subject: =?UTF-8?B?5rKh5pyJ5pel5pyf?=',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '楼道灯不亮。',
    ]);
    const mail = await parseEmail(raw, opts);
    expect(mail.messageId).toBeUndefined();
    expect(mail.subject).toBe('没有日期');
    expect(mail.date?.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(mail.from?.address).toBe('Owner@Example.com');
    expect(mail.sourceHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await parseEmail(raw, opts)).sourceHash).toBe(mail.sourceHash);
  });
});

describe('messageIdsIn', () => {
  it('finds every bracketed id and tolerates a lone bare one', () => {
    expect(messageIdsIn('<a@x> <b@y>')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIdsIn('<a@x>,\n <b@y> (comment)')).toEqual(['<a@x>', '<b@y>']);
    expect(messageIdsIn('a@x')).toEqual(['<a@x>']);
    expect(messageIdsIn('')).toEqual([]);
    expect(messageIdsIn(undefined)).toEqual([]);
    expect(messageIdsIn('not an id')).toEqual([]);
  });
});
