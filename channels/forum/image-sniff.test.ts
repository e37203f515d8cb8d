import { describe, expect, it } from 'vitest';
import { sniffImage } from './image-sniff.js';
import { tinyGif, tinyJpeg, tinyPng } from './fixtures/images.js';

describe('sniffImage', () => {
  it('recognizes PNG, JPEG and GIF by their bytes, with dimensions', () => {
    expect(sniffImage(tinyPng())).toEqual({ mimeType: 'image/png', width: 1, height: 1 });
    expect(sniffImage(tinyJpeg())).toEqual({ mimeType: 'image/jpeg', width: 2, height: 3 });
    expect(sniffImage(tinyGif())).toEqual({ mimeType: 'image/gif', width: 1, height: 1 });
  });

  it('refuses SVG, HTML and text, whatever they are called', () => {
    const enc = new TextEncoder();
    expect(sniffImage(enc.encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).toBeNull();
    expect(sniffImage(enc.encode('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffImage(enc.encode('GIF89'))).toBeNull();
  });

  it('refuses a PNG signature with a broken header', () => {
    const broken = tinyPng().slice(0, 20);
    expect(sniffImage(broken)).toBeNull();
  });
});
