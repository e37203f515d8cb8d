import { describe, expect, it } from 'vitest';
import { buildReferences, replySubject, textToHtml } from './compose.js';
import { messageIdDomain, parseFromHeader } from './config.js';
import { smtpChannelError } from './smtp.js';

describe('replySubject', () => {
  it('adds Re: once, keeps the prefixes clients already put there', () => {
    expect(replySubject('报修：水管漏水', 'x')).toBe('Re: 报修：水管漏水');
    expect(replySubject('Re: 报修', 'x')).toBe('Re: 报修');
    expect(replySubject('回复：报修', 'x')).toBe('回复：报修');
    expect(replySubject('AW: Frage', 'x')).toBe('AW: Frage');
    expect(replySubject('', '物业客服中心')).toBe('Re: 物业客服中心');
    expect(replySubject(null, '物业客服中心')).toBe('Re: 物业客服中心');
  });
});

describe('buildReferences', () => {
  it('is the parent’s chain plus the parent, without repeats', () => {
    expect(buildReferences(['<a@x>', '<b@x>'], '<c@x>')).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    expect(buildReferences(['<a@x>'], '<a@x>')).toEqual(['<a@x>']);
    expect(buildReferences([], undefined)).toEqual([]);
  });

  it('keeps the root and the newest ids of a long chain', () => {
    const chain = Array.from({ length: 30 }, (_, i) => `<m${i}@x>`);
    const refs = buildReferences(chain, '<new@x>', 5);
    expect(refs).toEqual(['<m0@x>', '<m27@x>', '<m28@x>', '<m29@x>', '<new@x>']);
  });
});

describe('textToHtml', () => {
  it('escapes everything and keeps paragraphs and line breaks', () => {
    const html = textToHtml('您好 <b>王女士</b>\n第二行\n\n& 第二段');
    expect(html).toContain('<p>您好 &lt;b&gt;王女士&lt;/b&gt;<br>\n第二行</p>');
    expect(html).toContain('<p>&amp; 第二段</p>');
  });
});

describe('parseFromHeader', () => {
  it('reads a display name and an address', () => {
    expect(parseFromHeader('物业客服中心 <Support@Example.com>')).toEqual({ name: '物业客服中心', address: 'support@example.com' });
    expect(parseFromHeader('"Service, Center" <a@b.example>')).toEqual({ name: 'Service, Center', address: 'a@b.example' });
    expect(parseFromHeader('kefu@wuye.example.com')).toEqual({ name: '', address: 'kefu@wuye.example.com' });
    expect(parseFromHeader('no address here')).toBeNull();
  });

  it('gives our Message-IDs the mailbox’s domain', () => {
    expect(messageIdDomain('kefu@Wuye.Example.com')).toBe('wuye.example.com');
  });
});

describe('smtpChannelError', () => {
  const smtp = (responseCode: number, response: string) => Object.assign(new Error('Message failed'), { responseCode, response, code: 'EMESSAGE' });

  it('retries a 4xx, fails a 5xx with the server’s words', () => {
    const soft = smtpChannelError(smtp(451, '451 4.7.1 Greylisted'));
    expect([soft.code, soft.retryable, soft.message]).toEqual(['NETWORK', true, 'SMTP 451 4.7.1 Greylisted']);
    const hard = smtpChannelError(smtp(550, '550 5.1.1 User unknown'));
    expect([hard.code, hard.retryable, hard.message]).toEqual(['INVALID', false, 'SMTP 550 5.1.1 User unknown']);
    expect(smtpChannelError(smtp(535, '535 Authentication failed')).code).toBe('AUTH');
  });

  it('treats connection trouble as retryable', () => {
    expect(smtpChannelError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' })).code).toBe('NETWORK');
    expect(smtpChannelError(Object.assign(new Error('Invalid login'), { code: 'EAUTH' })).code).toBe('AUTH');
  });
});
