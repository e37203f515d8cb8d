import { describe, expect, it } from 'vitest';
import { splitUtf8 } from './split-bytes.js';

describe('splitUtf8', () => {
  it('leaves a text within the limit alone and sends nothing for an empty one', () => {
    expect(splitUtf8('你好')).toEqual(['你好']);
    expect(splitUtf8('')).toEqual([]);
  });

  it('cuts Chinese text by bytes: 2048 bytes hold 682 characters', () => {
    const parts = splitUtf8('漏'.repeat(1000));
    expect(parts.map((p) => p.length)).toEqual([682, 318]);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(2048);
  });

  it('prefers a paragraph break and drops it at the cut', () => {
    const a = 'a'.repeat(500);
    const b = 'b'.repeat(300);
    expect(splitUtf8(`${a}\n\n${b}`)).toEqual([a, b]);
  });

  it('holds at most 682 characters per part, also for Latin text', () => {
    expect(splitUtf8('x'.repeat(1000)).map((p) => p.length)).toEqual([682, 318]);
  });

  it('never splits an emoji (a 4-byte code point)', () => {
    const parts = splitUtf8('😀'.repeat(10), 10, 100);
    expect(parts).toEqual(['😀😀', '😀😀', '😀😀', '😀😀', '😀😀']);
  });
});
