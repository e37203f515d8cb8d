import { describe, expect, it } from 'vitest';
import { trimReply } from './trim-reply.js';
import { htmlToText, sanitizeEmailHtml } from './sanitize.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('sanitizeEmailHtml', () => {
  it('removes scripts, styles, frames, objects, forms and their content', () => {
    const html = sanitizeEmailHtml(
      '<style>p{color:red}</style><script>alert(1)</script><p>正文</p><iframe src="https://x.example">f</iframe><object data="x">o</object><embed src="x"><form action="https://x.example"><input name="p"><button>提交</button></form><svg><script>1</script></svg>',
    );
    expect(html).not.toMatch(/<(style|script|iframe|object|embed|form|input|svg)/i);
    expect(html).not.toMatch(/alert|color:red/);
    expect(html).toContain('<p>正文</p>');
  });

  it('removes event handlers and javascript:/vbscript:/data: links, however they are spelled', () => {
    const html = sanitizeEmailHtml(
      '<p onclick="x()" onmouseover="y()">a</p><a href="javascript:alert(1)">1</a><a href="JaVaScRiPt:alert(1)">2</a><a href="&#106;avascript:alert(1)">3</a><a href=" javascript:alert(1)">4</a><a href="vbscript:msgbox">5</a><a href="data:text/html,<script>alert(1)</script>">6</a>',
    );
    expect(html).not.toMatch(/on(click|mouseover)|javascript|vbscript|data:/i);
    expect(html).toContain('>1</a>');
  });

  it('makes links open safely in a new tab', () => {
    const html = sanitizeEmailHtml('<a href="https://wuye.example.com/r/1" target="_self" rel="opener">报修单</a><a href="mailto:kefu@wuye.example.com">邮件</a>');
    expect(html).toContain('<a href="https://wuye.example.com/r/1" target="_blank" rel="noopener noreferrer">报修单</a>');
    expect(html).toContain('href="mailto:kefu@wuye.example.com"');
    expect(sanitizeEmailHtml('<a href="//evil.example/x">x</a>')).not.toContain('href');
  });

  it('neutralizes remote images: the address moves to data-remote-src, nothing loads', () => {
    const html = sanitizeEmailHtml('<img src="https://tracker.example/p.gif" width="1" height="1"><img src="//cdn.example/a.png" srcset="https://cdn.example/a2.png 2x">');
    expect(html).toContain('data-remote-src="https://tracker.example/p.gif"');
    expect(html).toContain('data-remote-src="https://cdn.example/a.png"');
    expect(html).not.toMatch(/\ssrc=|srcset/);
  });

  it('drops remote loads hidden in CSS and legacy attributes, keeps harmless styles', () => {
    const html = sanitizeEmailHtml(
      '<table background="https://x.example/bg.png"><tr><td style="background:url(https://x.example/t.png);color:#333;background-color:rgb(255, 0, 0)">a</td></tr></table><div style="background-image: url(&quot;https://x.example/y&quot;)">b</div><p style="width: expression(alert(1))">c</p>',
    );
    expect(html).not.toMatch(/url\(|background=|expression|x\.example/);
    expect(html).toContain('color:#333');
    expect(html).toContain('background-color:rgb(255, 0, 0)');
  });

  it('allows data: images only for the mail’s own inline (cid:) raster images', () => {
    const inlineImages = new Map([
      ['photo@local', { contentType: 'image/png', content: PNG }],
      ['vector@local', { contentType: 'image/svg+xml', content: Buffer.from('<svg onload="alert(1)"/>') }],
    ]);
    const html = sanitizeEmailHtml(
      '<img src="cid:photo@local" alt="照片"><img src="cid:vector@local"><img src="cid:unknown@local"><img src="data:image/png;base64,AAAA">',
      { inlineImages },
    );
    expect(html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(html).toContain('data-cid="vector@local"');
    expect(html).toContain('data-cid="unknown@local"');
    expect(html.match(/src="data:/g)).toHaveLength(1); // the sender's own data: image is gone
    expect(html).not.toContain('svg');
  });

  it('does not embed inline images over the size limit', () => {
    const html = sanitizeEmailHtml('<img src="cid:big@local">', {
      inlineImages: new Map([['big@local', { contentType: 'image/jpeg', content: Buffer.alloc(2000) }]]),
      maxInlineImageBytes: 1000,
    });
    expect(html).toBe('<img data-cid="big@local" />');
  });

  it('keeps quote containers’ classes so the UI can fold history', () => {
    const html = sanitizeEmailHtml('<div class="gmail_quote"><blockquote type="cite" class="gmail_quote" id="x" name="y">旧</blockquote></div>');
    expect(html).toBe('<div class="gmail_quote"><blockquote type="cite" class="gmail_quote">旧</blockquote></div>');
  });
});

describe('htmlToText', () => {
  it('turns blocks, breaks and lists into lines and decodes entities', () => {
    const text = htmlToText('<h1>报修单</h1><p>厨房&amp;卫生间&nbsp;漏水&lt;急&gt;</p><p>第一行<br>第二行</p><ul><li>上午</li><li>下午</li></ul><ol start="3"><li>三</li><li>四</li></ol>');
    expect(text).toBe('报修单\n\n厨房&卫生间 漏水<急>\n\n第一行\n第二行\n\n• 上午\n• 下午\n\n3. 三\n4. 四');
  });

  it('spaces table cells and puts rows on lines', () => {
    expect(htmlToText('<table><tr><th>姓名</th><td>吴敏</td></tr><tr><th>电话</th><td>139</td></tr></table>')).toBe('姓名  吴敏\n电话  139');
  });

  it('collapses markup whitespace but keeps <pre>', () => {
    expect(htmlToText('<div>\n   你好，\n   <b> 物业 </b>\n</div>')).toBe('你好， 物业');
    expect(htmlToText('<pre>a  b\n  c</pre>')).toBe('a  b\n  c');
  });

  it('renders blockquotes as "> " lines so that reply trimming recognizes them', () => {
    expect(htmlToText('<div>好的</div><blockquote><div>在 2026年11月20日，客服 写道：</div><div>旧内容</div></blockquote>')).toBe('好的\n\n> 在 2026年11月20日，客服 写道：\n> 旧内容');
  });

  it('shows a link target the text does not already show, and image alt text', () => {
    expect(htmlToText('<a href="https://wuye.example.com/r/42">报修单</a> <a href="https://x.example">https://x.example</a> <img alt="照片">')).toBe('报修单 (https://wuye.example.com/r/42) https://x.example [照片]');
  });

  it('ignores script and style content even in unsanitized input', () => {
    expect(htmlToText('<style>p{}</style><script>alert(1)</script><p>正文</p>')).toBe('正文');
  });
});

describe('htmlToText: where HTML history starts', () => {
  it('writes <hr> and Outlook\'s divRplyFwdMsg as the rule line reply trimming cuts at', () => {
    const outlook = sanitizeEmailHtml('<div>可以，周二上午。</div><hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>发件人:</b> 客服<br><b>发送时间:</b> 2026年11月18日</div><div>旧内容</div>');
    expect(outlook).toContain('class="divRplyFwdMsg"');
    expect(trimReply(htmlToText(outlook))).toBe('可以，周二上午。');
    const noHr = sanitizeEmailHtml('<p>OK</p><div id="divRplyFwdMsg"><p>From: Service</p></div><p>old</p>');
    expect(trimReply(htmlToText(noHr))).toBe('OK');
    expect(trimReply(htmlToText(sanitizeEmailHtml('<p>Thanks</p><hr><p>Earlier: the lift is broken</p>')))).toBe('Thanks');
  });
});
