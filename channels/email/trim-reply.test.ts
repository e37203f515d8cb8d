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

  it('hides a trailing ">" quote', () => {
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

describe('trimReply: answers below and between quotes', () => {
  it('keeps a reply written below the quote (bottom-posting), without the attribution', () => {
    const text = lines('Hi,', '', 'On Fri, Nov 20, 2026 at 10:00 AM Service <kefu@wuye.example.com> wrote:', '> When can we come?', '', 'Tuesday morning works for us.', '', 'Sent from my iPhone');
    expect(trimReply(text)).toBe(lines('Hi,', '', '> When can we come?', '', 'Tuesday morning works for us.'));
  });

  it('keeps interleaved answers with the questions they answer, and hides the trailing quote', () => {
    const text = lines('> 哪天方便？', '周二上午。', '> 几点？', '十点。', '', '在 2026年11月20日 10:00，客服中心 <kefu@wuye.example.com> 写道：', '> 更早的内容');
    expect(trimReply(text)).toBe(lines('> 哪天方便？', '周二上午。', '> 几点？', '十点。'));
  });
});

describe('trimReply: signatures only as whole short lines at the end', () => {
  it('keeps a sentence that starts like a signature', () => {
    const text = lines('Sent from my desk, is much easier than from the phone.', 'The lift in building 3 is broken again.');
    expect(trimReply(text)).toBe(text);
    const end = lines('The lift is broken.', 'Sent from my desk, is much easier than from the phone.');
    expect(trimReply(end)).toBe(end);
  });

  it('keeps 发自我的… when it is prose, and when it is not at the end', () => {
    const prose = lines('谢谢你们，', '发自我的内心');
    expect(trimReply(prose)).toBe(prose);
    const middle = lines('发自我的iPhone', '电梯又坏了，请尽快处理。');
    expect(trimReply(middle)).toBe(middle);
    expect(trimReply(lines('好的', '', '发自我的小米手机'))).toBe('好的');
    expect(trimReply(lines('OK', '', 'Sent from my Samsung Galaxy smartphone.'))).toBe('OK');
  });
});

describe('trimReply: quote headers of other clients', () => {
  it('cuts Outlook blocks that start with Date: or 发送时间:', () => {
    expect(trimReply(lines('OK', '', 'Date: Fri, 20 Nov 2026 10:00:00 +0800', 'From: Service <kefu@wuye.example.com>', 'Subject: Re: lift', 'old'))).toBe('OK');
    expect(trimReply(lines('收到', '', '发送时间: 2026年11月18日 16:30', '收件人: 张三', '主题: 回复: 报修', '', '旧内容'))).toBe('收到');
    expect(trimReply(lines('*From:* Service', '*Sent:* Friday', 'old'))).toBe(lines('*From:* Service', '*Sent:* Friday', 'old'));
  });

  it('keeps an owner writing dates and times as headers', () => {
    const text = lines('日期：明天', '时间：上午10点', '请师傅上门。');
    expect(trimReply(text)).toBe(text);
  });

  it('cuts Russian / mail.ru attributions', () => {
    expect(trimReply(lines('Спасибо!', '', '12.03.2024, 10:15, "Иван" <ivan@mail.ru>:', '> старый текст'))).toBe('Спасибо!');
    expect(trimReply(lines('Хорошо.', '', 'Вторник, 12 марта 2024, 10:15 +03:00 от Иван <ivan@mail.ru>:', '', 'старый текст'))).toBe('Хорошо.');
    expect(trimReply(lines('Да.', '', '12.03.2024 10:15, Иван Петров пишет:', '> старый текст'))).toBe('Да.');
  });

  it('cuts at the rule line HTML mail gets for <hr>', () => {
    expect(trimReply(lines('好的', '', '________________________________', '发件人: 客服', '旧内容'))).toBe('好的');
  });
});

describe('trimReply: hostile input', () => {
  it('trims one 767 KB line of "A>>>>…" and keeps it as the text', () => {
    const line = `A${'>'.repeat(767 * 1024)}`;
    const result = trimReplyDetailed(lines('Hello', line, '', '> quoted'));
    expect(result.text).toBe(lines('Hello', line));
    expect(result.trimmed).toBe(true);
  });

  it('trims a 767 KB quoted line and many short marker-like lines', () => {
    const quoted = `>${' >'.repeat(380 * 1024)}`;
    expect(trimReply(lines('Reply', quoted))).toBe('Reply');
    const many = Array.from({ length: 50_000 }, (_, i) => (i % 2 ? 'From: x' : 'On a wrote')).join('\n');
    expect(trimReply(lines('Top', many)).startsWith('Top')).toBe(true);
  });
});
