import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyEmail, extractBounce, whyNotAcknowledge } from './auto-reply.js';
import { parseEmail, type EmailHeaders, type ParsedEmail } from './parse.js';

const load = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const opts = { inboxId: 'inbox-1', maxAttachmentBytes: 25 * 1024 * 1024 };

type Input = Parameters<typeof classifyEmail>[1];
const owner: Input = { from: { address: 'owner@qq.example', name: '业主' }, subject: '电梯坏了', mimeType: 'text/plain', mimeParams: {} };
const classify = (headers: Record<string, string>, input: Partial<Input> = {}): string => {
  const h: EmailHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v]]));
  return classifyEmail(h, { ...owner, ...input });
};

describe('classifyEmail', () => {
  it('treats ordinary mail as normal', () => {
    expect(classify({})).toBe('normal');
    expect(classify({ 'Auto-Submitted': 'no' })).toBe('normal');
    expect(classify({ 'X-Autoreply': 'no' })).toBe('normal');
    // Outlook and CRMs put this on ordinary mail; alone it means nothing.
    expect(classify({ 'X-Auto-Response-Suppress': 'All' })).toBe('normal');
  });

  it('recognizes auto-replies by header', () => {
    expect(classify({ 'Auto-Submitted': 'auto-replied' })).toBe('auto_reply');
    expect(classify({ 'Auto-Submitted': 'auto-generated' })).toBe('auto_reply');
    expect(classify({ 'Auto-Submitted': 'auto-replied (vacation)' })).toBe('auto_reply');
    expect(classify({ 'X-Autoreply': 'yes' })).toBe('auto_reply');
    expect(classify({ 'X-Autorespond': 'vacation' })).toBe('auto_reply');
    expect(classify({ Precedence: 'auto_reply' })).toBe('auto_reply');
    expect(classify({ 'Return-Path': '<>' })).toBe('auto_reply');
  });

  it('uses an auto-reply subject only together with a supporting header', () => {
    for (const subject of ['自动回复: Re: 报修', '自動回覆：停車位', 'Automatic reply: 报修', 'Out of Office: back Monday', '[自动回复] 已收到']) {
      expect(classify({}, { subject })).toBe('normal');
      expect(classify({ 'X-Auto-Response-Suppress': 'All' }, { subject })).toBe('auto_reply');
    }
    expect(classify({ 'X-Mailer': 'Vacation Autoresponder 2.1' }, { subject: 'Out of office' })).toBe('auto_reply');
    // An owner asking about the feature is not an auto-reply.
    expect(classify({ 'X-Auto-Response-Suppress': 'All' }, { subject: '请问自动回复怎么关闭？' })).toBe('normal');
  });

  it('recognizes bulk mail', () => {
    expect(classify({ Precedence: 'bulk' })).toBe('bulk');
    expect(classify({ Precedence: 'junk' })).toBe('bulk');
    expect(classify({ Precedence: 'list' })).toBe('bulk');
    expect(classify({ 'List-Id': '<news.example.com>' })).toBe('bulk');
    expect(classify({ 'List-Unsubscribe': '<mailto:u@x.example>' })).toBe('bulk');
  });

  it('recognizes bounces before anything else', () => {
    expect(classify({ 'Auto-Submitted': 'auto-replied' }, { mimeType: 'multipart/report', mimeParams: { 'report-type': 'delivery-status' } })).toBe('bounce');
    expect(classify({}, { from: { address: 'MAILER-DAEMON@mx.example.com', name: '' } })).toBe('bounce');
    expect(classify({}, { from: { address: 'postmaster@qq.example', name: '' } })).toBe('bounce');
    expect(classify({ 'X-Failed-Recipients': 'a@b.example' })).toBe('bounce');
    expect(classify({ 'Return-Path': '<>' }, { subject: '系统退信' })).toBe('bounce');
    // A read receipt is a report too, but not a delivery failure.
    expect(classify({}, { mimeType: 'multipart/report', mimeParams: { 'report-type': 'disposition-notification' } })).toBe('normal');
  });

  it('classifies the fixture corpus’ machine mail', async () => {
    const classes = await Promise.all(
      ['auto-reply-vacation.eml', 'auto-reply-exchange.eml', 'auto-reply-zh-subject.eml', 'bulk-newsletter.eml', 'dsn-bounce.eml', 'qq-gb18030-reply.eml'].map(async (f) => {
        const p = await parseEmail(load(f), opts);
        return classifyEmail(p.headers, p);
      }),
    );
    expect(classes).toEqual(['auto_reply', 'auto_reply', 'auto_reply', 'bulk', 'bounce', 'normal']);
  });
});

describe('extractBounce', () => {
  it('reads the DSN: our original Message-ID, the recipient, the status and the reason', async () => {
    const bounce = extractBounce(await parseEmail(load('dsn-bounce.eml'), opts));
    expect(bounce).toEqual({
      originalMessageId: '<huixin.c09bounce.m0002@wuye.example.com>',
      recipient: 'wrong.owner@qq.example',
      status: '5.1.1',
      reason: '550 5.1.1 <wrong.owner@qq.example>: Recipient address rejected: Mailbox not found',
      delayed: false,
      originalSubject: 'Re: 停车卡办理',
    });
  });

  it('tells a delay notice (Action: delayed, 4.x.x) from a failure', () => {
    const dsn = (action: string | null, status: string) => ({
      from: { address: 'MAILER-DAEMON@mx.example.com', name: '' },
      subject: 'Delivery Status Notification (Delay)',
      mimeType: 'multipart/report',
      mimeParams: { 'report-type': 'delivery-status' },
      headers: {},
      text: 'Delivery to the following recipient has been delayed.',
      deliveryStatus: `Reporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; owner@qq.example\n${action ? `Action: ${action}\n` : ''}Status: ${status}\nDiagnostic-Code: smtp; 451 4.7.1 greylisted, try again later`,
      returnedHeaders: 'Message-ID: <huixin.c1.m2@wuye.example.com>',
    });
    expect(extractBounce(dsn('delayed', '4.7.1'))).toMatchObject({ delayed: true, status: '4.7.1', recipient: 'owner@qq.example' });
    expect(extractBounce(dsn(null, '4.4.7'))).toMatchObject({ delayed: true });
    expect(extractBounce(dsn('failed', '5.1.1'))).toMatchObject({ delayed: false, status: '5.1.1' });
    expect(extractBounce(dsn(null, '5.1.1'))).toMatchObject({ delayed: false });
  });

  it('is null for mail that is not a bounce', async () => {
    expect(extractBounce(await parseEmail(load('auto-reply-vacation.eml'), opts))).toBeNull();
    expect(extractBounce(await parseEmail(load('gmail-zh-reply.eml'), opts))).toBeNull();
  });

  it('falls back to the text of a plain-text bounce', () => {
    const parsed: Pick<ParsedEmail, 'text' | 'subject' | 'from' | 'mimeType' | 'mimeParams' | 'headers' | 'deliveryStatus' | 'returnedHeaders'> = {
      from: { address: 'MAILER-DAEMON@mx.qq.example', name: '' },
      subject: '系统退信',
      mimeType: 'text/plain',
      mimeParams: {},
      headers: { 'x-failed-recipients': ['nobody@qq.example'] },
      text: '抱歉，您的邮件被退回。\n\n原邮件信息：\nMessage-ID: <huixin.c1.m2@wuye.example.com>\nSubject: Re: 报修',
    };
    expect(extractBounce(parsed)).toEqual({
      originalMessageId: '<huixin.c1.m2@wuye.example.com>',
      recipient: 'nobody@qq.example',
      status: undefined,
      reason: '抱歉，您的邮件被退回。 原邮件信息： Message-ID: <huixin.c1.m2@wuye.example.com> Subject: Re: 报修',
      delayed: false,
      originalSubject: 'Re: 报修',
    });
  });
});

describe('extractBounce: the subject of the mail that bounced', () => {
  it('reads it from the returned headers, decoded', async () => {
    const bounce = extractBounce(await parseEmail(load('dsn-bounce.eml'), opts));
    expect(bounce?.originalSubject).toBe('Re: 停车卡办理');
    expect(bounce?.recipient).toBe('wrong.owner@qq.example');
  });

  it('reads it from the text of a plain-text bounce', () => {
    const bounce = extractBounce({
      text: 'I could not deliver your message.\n\n--- original ---\nTo: a@b.example\nSubject: =?UTF-8?Q?Re=3A_=E6=8A=A5=E4=BF=AE?=\n',
      subject: 'failure notice',
      from: { address: 'MAILER-DAEMON@mx.example', name: '' },
      mimeType: 'text/plain',
      mimeParams: {},
      headers: { 'x-failed-recipients': ['a@b.example'] },
    });
    expect(bounce).toMatchObject({ originalSubject: 'Re: 报修', recipient: 'a@b.example', delayed: false });
    expect(bounce?.originalMessageId).toBeUndefined();
  });
});

describe('whyNotAcknowledge', () => {
  const own = ['kefu@wuye.example.com', 'weixiu@wuye.example.com'];
  const ack = (headers: Record<string, string | string[]>, from = 'owner@qq.example'): string | null => {
    const h: EmailHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v : [v]]));
    return whyNotAcknowledge({ headers: h, from, ownAddresses: own });
  };

  it('acknowledges an owner’s ordinary mail', () => {
    expect(ack({})).toBeNull();
    expect(ack({ 'Return-Path': '<owner@qq.example>', 'Auto-Submitted': 'no', 'X-Autoreply': 'no', Precedence: 'normal' })).toBeNull();
    // Suppressing only delivery and read receipts leaves answers allowed.
    expect(ack({ 'X-Auto-Response-Suppress': 'DR, RN, NRN' })).toBeNull();
    expect(ack({ 'Auto-Submitted': 'No (a person wrote this)' })).toBeNull();
  });

  it('never answers automatic mail (RFC 3834 and the vendors’ own markers)', () => {
    expect(ack({ 'Auto-Submitted': 'auto-replied' })).toBe('auto-submitted');
    expect(ack({ 'Auto-Submitted': 'auto-generated; owner-email="x@y.example"' })).toBe('auto-submitted');
    expect(ack({ 'Auto-Submitted': 'auto-notified' })).toBe('auto-submitted');
    expect(ack({ 'X-Autoreply': 'yes' })).toBe('x-autoreply');
    expect(ack({ 'X-Autorespond': 'Out of office' })).toBe('x-autorespond');
    expect(ack({ 'X-Loop': 'helpdesk@other.example' })).toBe('x-loop');
    expect(ack({ 'Return-Path': '<>' })).toBe('null-return-path');
    expect(ack({ 'Return-Path': '< >' })).toBe('null-return-path');
  });

  it('never answers bulk or list mail', () => {
    for (const p of ['bulk', 'list', 'junk', 'auto_reply', 'BULK']) expect(ack({ Precedence: p })).toBe('precedence');
    expect(ack({ 'List-Id': 'Owners <owners.wuye.example.com>' })).toBe('list');
    expect(ack({ 'List-Unsubscribe': '<mailto:u@x.example>' })).toBe('list');
  });

  it('honours X-Auto-Response-Suppress for All, OOF and AutoReply', () => {
    expect(ack({ 'X-Auto-Response-Suppress': 'All' })).toBe('auto-response-suppress');
    expect(ack({ 'X-Auto-Response-Suppress': 'oof' })).toBe('auto-response-suppress');
    expect(ack({ 'X-Auto-Response-Suppress': 'DR, RN, NRN, OOF, AutoReply' })).toBe('auto-response-suppress');
    expect(ack({ 'X-Auto-Response-Suppress': 'DR,AutoReply' })).toBe('auto-response-suppress');
  });

  it('never answers addresses nobody reads', () => {
    for (const from of ['noreply@bank.example', 'no-reply@pay.example', 'No_Reply+bills@x.example', 'do-not-reply@x.example', 'donotreply@x.example', 'MAILER-DAEMON@mx.example', 'postmaster@qq.example']) {
      expect(ack({}, from)).toBe('machine-sender');
    }
    // Only the local part counts, and only as a whole word.
    expect(ack({}, 'noreplyer.wang@qq.example')).toBeNull();
    expect(ack({}, 'owner@noreply.example')).toBeNull();
    expect(ack({}, '')).toBe('no-sender');
  });

  it('never answers the center’s own mailboxes, plus-addressed or in another case', () => {
    expect(ack({}, 'kefu@wuye.example.com')).toBe('own-address');
    expect(ack({}, 'WeiXiu@Wuye.Example.com')).toBe('own-address');
    expect(ack({}, 'kefu+k3j9abcd@wuye.example.com')).toBe('own-address');
    expect(ack({}, 'kefu@other.example.com')).toBeNull();
  });
});
