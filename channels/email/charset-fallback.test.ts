import { describe, expect, it } from 'vitest';
import { relabelInvalidUtf8 } from './charset-fallback.js';
import { normalizeEmail } from './normalize.js';
import { parseEmail } from './parse.js';

// The same sentences in the bytes older clients really send (computed with Python's codecs).
const GBK = Buffer.from('c4e3bac3a3ac35b6b0b5e7ccddbbb5c1cba3acc7ebbea1bfecceacd0dea1a3', 'hex'); // 你好，5栋电梯坏了，请尽快维修。
const CP1252 = Buffer.from('436166e92c206c27617363656e736575722065737420656e2070616e6e652e204d6572636920e020766f75732e', 'hex');
const BIG5 = Buffer.from('a4a4ae78b750c0b3bf4fac47bbd9a141bdd0bac9a7d6bafbadd7a143', 'hex'); // 中庭感應燈故障，請盡快維修。

function mail(from: string, head: string, body: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`From: ${from}\r\nTo: kefu@wuye.example.com\r\nSubject: test\r\nMessage-ID: <m1@example.com>\r\nMIME-Version: 1.0\r\n${head}\r\n`, 'latin1'),
    body,
    Buffer.from('\r\n', 'latin1'),
  ]);
}

const parse = (source: Buffer) => parseEmail(source, { inboxId: 'i', maxAttachmentBytes: 1024 * 1024 });

describe('charset fallback for text labelled UTF-8 that is not', () => {
  it('decodes GBK labelled UTF-8 as GB18030 and keeps the raw bytes', async () => {
    const source = mail('王先生 <wang@163.example>', 'Content-Type: text/plain; charset=utf-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n', GBK);
    const parsed = await parse(source);
    expect(parsed.text.trim()).toBe('你好，5栋电梯坏了，请尽快维修。');
    expect(parsed.charsetFallbacks).toEqual([{ mimeType: 'text/plain', declared: 'utf-8', used: 'gb18030', raw: Buffer.concat([GBK, Buffer.from('\r\n')]) }]);
    // Identity stays that of the mail as it came.
    expect(parsed.size).toBe(source.length);
    const message = normalizeEmail(parsed, 'i');
    expect(message.meta?.charsetFallbacks).toEqual([{ mimeType: 'text/plain', declared: 'utf-8', used: 'gb18030' }]);
  });

  it('decodes ISO-8859-1 / Windows-1252 labelled UTF-8 (quoted-printable) as Windows-1252', async () => {
    const qp = CP1252.toString('latin1').replace(/[\x80-\xff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const parsed = await parse(mail('Jean <jean@example.fr>', 'Content-Type: text/plain; charset="UTF-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n', Buffer.from(qp, 'latin1')));
    expect(parsed.text.trim()).toBe("Café, l'ascenseur est en panne. Merci à vous.");
    expect(parsed.charsetFallbacks.map((f) => f.used)).toEqual(['windows-1252']);
  });

  it('decodes unlabelled base64 Big5 from a .tw sender as Big5, inside multipart/alternative', async () => {
    const body = Buffer.from(
      [
        '--b1',
        'Content-Type: text/plain',
        'Content-Transfer-Encoding: base64',
        '',
        BIG5.toString('base64'),
        '--b1',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>',
      ].join('\r\n') + '\r\n',
      'latin1',
    );
    const source = Buffer.concat([body.subarray(0, body.length - 2), Buffer.concat([BIG5, Buffer.from('</p>\r\n--b1--', 'latin1')])]);
    const parsed = await parse(mail('陳 <chen@mail.example.tw>', 'Content-Type: multipart/alternative; boundary=b1\r\n', source));
    expect(parsed.text.trim()).toBe('中庭感應燈故障，請盡快維修。');
    expect(parsed.html).toContain('中庭感應燈故障');
    expect(parsed.charsetFallbacks.map((f) => [f.mimeType, f.declared, f.used])).toEqual([
      ['text/plain', '', 'big5'],
      ['text/html', 'utf-8', 'big5'],
    ]);
  });

  it('leaves valid UTF-8, other labels and attachments alone (same bytes)', () => {
    const utf8 = mail('a <a@example.com>', 'Content-Type: text/plain; charset=utf-8\r\n', Buffer.from('你好', 'utf8'));
    expect(relabelInvalidUtf8(utf8).source).toBe(utf8);
    const gbk = mail('a <a@example.com>', 'Content-Type: text/plain; charset=gbk\r\n', GBK);
    expect(relabelInvalidUtf8(gbk).fallbacks).toEqual([]);
    const attachment = mail('a <a@example.com>', 'Content-Type: text/plain; charset=utf-8\r\nContent-Disposition: attachment; filename=a.txt\r\n', GBK);
    expect(relabelInvalidUtf8(attachment).fallbacks).toEqual([]);
  });

  it('survives a truncated multipart without its closing boundary', async () => {
    const source = mail('a <a@example.cn>', 'Content-Type: multipart/mixed; boundary="zz"\r\n', Buffer.concat([Buffer.from('--zz\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n', 'latin1'), GBK]));
    const parsed = await parse(source);
    expect(parsed.text.trim()).toBe('你好，5栋电梯坏了，请尽快维修。');
  });
});
