import { describe, expect, it } from 'vitest';
import { hasRemoteImages, mailDocument } from './email-html';

describe('mail HTML in the thread', () => {
  it('blocks remote loads by CSP until the agent allows them', () => {
    expect(mailDocument('<p>hi</p>', false)).toContain("img-src data:;");
    expect(mailDocument('<p>hi</p>', true)).toContain('img-src data: https: http:;');
    expect(mailDocument('<p>hi</p>', false)).toContain("default-src 'none'");
  });

  it('knows whether a mail has remote images', () => {
    expect(hasRemoteImages('<img data-remote-src="https://x.example/a.png">')).toBe(true);
    expect(hasRemoteImages('<img src="data:image/png;base64,AA">')).toBe(false);
  });
});
