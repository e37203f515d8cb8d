import { describe, expect, it } from 'vitest';
import { excerpt, quoteMarkdown, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders the safe subset', () => {
    const html = renderMarkdown('**水管**漏水\n\n- 3栋\n- 1201\n\n> 引用\n\n`code`');
    expect(html).toContain('<strong>水管</strong>');
    expect(html).toContain('<li>3栋</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<code>code</code>');
  });

  it('leaves hostile markup inert', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">click</a>',
      '[click](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[y](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<iframe src="https://evil.example"></iframe>',
      '<div style="background:url(javascript:alert(1))" onclick="alert(1)">x</div>',
      '![img](https://evil.example/track.png)',
    ].join('\n\n');
    const html = renderMarkdown(hostile);
    // Only the allow-listed tags exist, no tag carries an event handler, no link a script scheme.
    const tags = [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase());
    expect(new Set(tags)).toEqual(new Set(['p', 'a']));
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/<a [^>]*href="(?!https?:)/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('marks owners’ links nofollow and keeps http(s) links', () => {
    const html = renderMarkdown('see https://example.com/a?b=1');
    expect(html).toContain('href="https://example.com/a?b=1"');
    expect(html).toContain('rel="nofollow ugc noopener noreferrer"');
  });
});

describe('quoting and excerpts', () => {
  it('quotes a post under its author, without nested quotes', () => {
    expect(quoteMarkdown('王*先生', '> old\n新的内容\n第二行')).toBe('> **王\\*先生**:\n> 新的内容\n> 第二行\n\n');
  });
  it('shortens text for excerpts', () => {
    expect(excerpt('> q\n' + 'a'.repeat(200), 10)).toBe('aaaaaaaaa…');
  });
});
