import { describe, expect, it } from 'vitest';
import { contentDisposition, defaultFileName, isInlineMedia, safeFileName, servedContentType } from './content-disposition.js';

describe('serving stored files', () => {
  it('keeps Chinese names in filename* and an ASCII fallback without quotes', () => {
    expect(contentDisposition('attachment', '漏水 "照片".pdf')).toBe(
      `attachment; filename="__ ____.pdf"; filename*=UTF-8''%E6%BC%8F%E6%B0%B4%20%22%E7%85%A7%E7%89%87%22.pdf`,
    );
    expect(contentDisposition('inline', "it's (1).jpg")).toBe(`inline; filename="it's (1).jpg"; filename*=UTF-8''it%27s%20%281%29.jpg`);
  });

  it('drops paths and control characters from names', () => {
    expect(safeFileName('../../etc/passwd', 'file')).toBe('passwd');
    expect(safeFileName('a\r\nb.txt', 'file')).toBe('ab.txt');
    expect(safeFileName('...', 'photo.jpg')).toBe('photo.jpg');
    expect(safeFileName(undefined, 'voice.ogg')).toBe('voice.ogg');
  });

  it('shows raster images, audio and video inline, and never serves active content as itself', () => {
    expect(isInlineMedia('image/jpeg')).toBe(true);
    expect(isInlineMedia('audio/ogg')).toBe(true);
    expect(isInlineMedia('video/mp4')).toBe(true);
    expect(isInlineMedia('image/svg+xml')).toBe(false);
    expect(isInlineMedia('application/pdf')).toBe(false);
    expect(servedContentType('text/html; charset=utf-8')).toBe('application/octet-stream');
    expect(servedContentType('image/svg+xml')).toBe('application/octet-stream');
    expect(servedContentType('application/pdf')).toBe('application/pdf');
    expect(servedContentType('not a type')).toBe('application/octet-stream');
    expect(servedContentType(undefined)).toBe('application/octet-stream');
  });

  it('names an unnamed photo by its kind and type', () => {
    expect(defaultFileName('photo', 'image/jpeg')).toBe('photo.jpg');
    expect(defaultFileName('voice', 'application/x-unknown')).toBe('voice');
  });
});
