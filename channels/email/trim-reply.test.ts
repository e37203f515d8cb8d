import { describe, expect, it } from 'vitest';
import { trimReply, trimReplyDetailed } from './trim-reply.js';

const lines = (...l: string[]): string => l.join('\n');

describe('trimReply: Chinese client markers', () => {
  it('cuts at Outlook/Coremail "-----原始邮件-----"', () => {
    const text = lines('好的，谢谢。', '', '-----原始邮件-----', '发件人: 客服 <kefu@wuye.example.com>', '发送时间: 2026年11月18日 16:30', '', '旧内容');
    expect(trimReply(text)).toBe('好的，谢谢。');
  });

  it('cuts at the QQ Mail separator', () => {
    const text = lines('收到', '------------------ 原始邮件 ------------------', '发件人: "客服"<kefu@wuye.example.com>;', '旧内容');
    expect(trimReply(text)).toBe('收到');
  });

  it('cuts at an Outlook header block without a separator line (half- and full-width colons)', () => {
    expect(trimReply(lines('可以。', '', '发件人: 客服中心 <kefu@wuye.example.com>', '发送时间: 2026年11月18日 16:30', '收件人: 张三', '主题: 回复: 报修', '', '旧内容'))).toBe('可以。');
    expect(trimReply(lines('可以。', '', '发件人：客服中心', '时间：2026-11-18 16:30', '旧内容'))).toBe('可以。');
    expect(trimReply(lines('OK', '', 'From: Service <kefu@wuye.example.com>', 'Sent: Friday, November 20, 2026 10:00 AM', 'To: Owner', 'old'))).toBe('OK');
  });

  it('keeps a line that merely starts with "From:" when no header block follows', () => {
    const text = lines('From: 3栋到5栋的路灯都不亮了', '麻烦看看。');
    expect(trimReply(text)).toBe(text);
  });

  it('cuts at Gmail zh "于…写道：" and at "在 … 写道："', () => {
    expect(trimReply(lines('明天可以。', '', '客服中心 <kefu@wuye.example.com> 于2026年11月20日周五 10:00写道：', '', '> 旧内容'))).toBe('明天可以。');
    expect(trimReply(lines('明天可以。', '', '在 2026年11月20日 周五 10:00，张三 <zhangsan@example.com> 写道：', '> 旧内容'))).toBe('明天可以。');
    // Apple Mail (zh) on macOS: no "在".
    expect(trimReply(lines('好的', '', '> 2026年11月20日 10:00，客服中心 <kefu@wuye.example.com> 写道：', '> 旧内容'))).toBe('好的');
  });

  it('keeps prose that happens to end in 写道：', () => {
    const text = lines('在业主群里，有邻居写道：', '“电梯又坏了”。', '请问什么时候修好？');
    expect(trimReply(text)).toBe(text);
  });

  it('removes mobile signatures but not sentences that look like them', () => {
    expect(trimReply(lines('好的', '', '发自我的iPhone'))).toBe('好的');
    expect(trimReply(lines('好的', '', '发自我的华为手机'))).toBe('好的');
    expect(trimReply(lines('好的', '', '获取 Outlook for Android'))).toBe('好的');
    const prose = lines('来自我的邻居家的噪音每天都很大，', '请处理。');
    expect(trimReply(prose)).toBe(prose);
  });
});

describe('trimReply: English and generic markers', () => {
  it('cuts at "On … wrote:", also when the client wrapped the line', () => {
    expect(trimReply(lines('Sounds good.', '', 'On Fri, Nov 20, 2026 at 10:00 AM Service <kefu@wuye.example.com> wrote:', '> hi'))).toBe('Sounds good.');
    expect(trimReply(lines('Sounds good.', '', 'On Tue, Sep 29, 2026 at 10:00 AM Acme <', 'support@acme.example> wrote:', '> hi'))).toBe('Sounds good.');
  });

  it('cuts at the "-- " signature separator and at "-----Original Message-----"', () => {
    expect(trimReply(lines('Thanks', '-- ', 'Owner, Building 5'))).toBe('Thanks');
    expect(trimReply(lines('Thanks', '-----Original Message-----', 'From: x'))).toBe('Thanks');
  });

  it('hides ">" quoted lines with email-reply-parser', () => {
    expect(trimReply(lines('Yes please.', '', '> Shall we come tomorrow?', '> Service'))).toBe('Yes please.');
  });
});

describe('trimReply: never loses the message', () => {
  it('keeps forwarded content', () => {
    const text = lines('请看下面邻居的邮件。', '', '---------- Forwarded message ---------', '发件人： 周明 <zhouming@163.example>', 'Subject: 装修时间', '', '工人每天早上7点开工。');
    const result = trimReplyDetailed(text);
    expect(result.forwarded).toBe(true);
    expect(result.text).toContain('工人每天早上7点开工。');
    expect(result.text).toContain('请看下面邻居的邮件。');
  });

  it('falls back to the full text when everything looks quoted', () => {
    const text = lines('> 只有引用', '> 没有新内容');
    expect(trimReply(text)).toBe(text);
  });

  it('falls back to the full text when the mail starts with a marker', () => {
    const text = lines('-----原始邮件-----', '发件人: 客服', '内容');
    expect(trimReply(text)).toBe(text);
  });

  it('returns an empty string only for an empty mail, and normalizes line endings', () => {
    expect(trimReply('')).toBe('');
    expect(trimReply('  \r\n ')).toBe('');
    expect(trimReply('第一行\r\n第二行\r\n\r\n发自我的iPhone')).toBe('第一行\n第二行');
  });

  it('reports whether it trimmed', () => {
    expect(trimReplyDetailed('只有新内容').trimmed).toBe(false);
    expect(trimReplyDetailed(lines('新', '-----原始邮件-----', '旧')).trimmed).toBe(true);
  });
});
