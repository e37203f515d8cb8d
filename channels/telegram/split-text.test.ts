import { describe, expect, it } from 'vitest';
import { splitTelegramText, TELEGRAM_MAX_TEXT } from './split-text.js';

const SEPARATOR = '(?:\\n\\n|\\n| |)';

/**
 * True when the parts, re-joined with one dropped separator (or none) between them, give
 * `text`; a cut on the text's very last separator drops it too, so one may trail.
 */
function rejoins(text: string, parts: string[]): boolean {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${parts.map(escape).join(SEPARATOR)}${SEPARATOR}$`, 'u').test(text);
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Checks every promise the splitter makes. */
function expectValidSplit(text: string, parts: string[], max: number): void {
  for (const part of parts) {
    expect(part.length).toBeGreaterThan(0);
    expect(part.length).toBeLessThanOrEqual(max);
    expect(isLow(part.charCodeAt(0))).toBe(false);
    expect(isHigh(part.charCodeAt(part.length - 1))).toBe(false);
  }
  expect(rejoins(text, parts)).toBe(true);
}

describe('splitTelegramText', () => {
  it('keeps a short text whole and a text of exactly max length whole', () => {
    expect(splitTelegramText('您好')).toEqual(['您好']);
    const exact = 'a'.repeat(TELEGRAM_MAX_TEXT);
    expect(splitTelegramText(exact)).toEqual([exact]);
    expect(TELEGRAM_MAX_TEXT).toBe(4096);
  });

  it('returns no parts for an empty text', () => {
    expect(splitTelegramText('')).toEqual([]);
  });

  it('prefers a paragraph break over later line breaks and spaces', () => {
    const first = 'First paragraph line one\nline two';
    const second = 'Second paragraph, a little longer than the first one';
    const text = `${first}\n\n${second}`;
    const parts = splitTelegramText(text, 60);
    expect(parts).toEqual([first, second]);
  });

  it('falls back to a line break, then to a space', () => {
    expect(splitTelegramText('line one is here\nline two is here', 20)).toEqual(['line one is here', 'line two is here']);
    expect(splitTelegramText('word word word word word', 12)).toEqual(['word word', 'word word', 'word']);
  });

  it('does not cut at a paragraph break near the start when a later break fills the part better', () => {
    const text = `Hi\n\n${'x'.repeat(40)} ${'y'.repeat(30)}`;
    const parts = splitTelegramText(text, 50);
    expect(parts[0]).toBe(`Hi\n\n${'x'.repeat(40)}`);
    expectValidSplit(text, parts, 50);
  });

  it('takes an early break when it is the only one', () => {
    const text = `Hi\n\n${'x'.repeat(60)}`;
    const parts = splitTelegramText(text, 50);
    expect(parts[0]).toBe('Hi');
    expectValidSplit(text, parts, 50);
  });

  it('cuts a separator that sits right after a full window', () => {
    const text = `${'a'.repeat(10)} ${'b'.repeat(5)}`;
    expect(splitTelegramText(text, 10)).toEqual(['a'.repeat(10), 'b'.repeat(5)]);
    expect(splitTelegramText(`${'a'.repeat(10)} `, 10)).toEqual(['a'.repeat(10)]);
  });

  it('hard-cuts a text without separators into full parts', () => {
    const text = 'x'.repeat(10_000);
    const parts = splitTelegramText(text);
    expect(parts.map((p) => p.length)).toEqual([4096, 4096, 1808]);
    expect(parts.join('')).toBe(text);
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(10); // 20 code units
    const parts = splitTelegramText(text, 5);
    expect(parts).toEqual(['😀😀', '😀😀', '😀😀', '😀😀', '😀😀']);
    expectValidSplit(text, parts, 5);
    expect(splitTelegramText(`a${'😀'.repeat(3)}`, 2)).toEqual(['a', '😀', '😀', '😀']);
  });

  it('keeps CJK text and emoji intact across a long reply', () => {
    const paragraph = '尊敬的业主您好，关于您反映的3号楼电梯故障问题，维修部已安排师傅今天下午上门检修。🙏';
    const text = Array.from({ length: 200 }, (_, i) => `${i + 1}. ${paragraph}`).join('\n');
    const parts = splitTelegramText(text);
    expect(parts.length).toBeGreaterThan(1);
    expectValidSplit(text, parts, TELEGRAM_MAX_TEXT);
    // Cut on line breaks, so each part starts with a numbered line.
    for (const part of parts) expect(part).toMatch(/^\d+\. 尊敬的业主/);
  });

  it('holds its promises on many generated texts', () => {
    // Deterministic pseudo-random texts (LCG) over an alphabet rich in separators and pairs.
    let seed = 20240611;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ['a', 'b', '汉', ' ', ' ', '\n', '\n\n', '😀', '👍🏽', '\u{20000}'];
    for (let round = 0; round < 300; round++) {
      const length = next(200);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[next(alphabet.length)];
      const max = 2 + next(40);
      expectValidSplit(text, splitTelegramText(text, max), max);
    }
  });

  it('rejects a max that cannot hold a surrogate pair', () => {
    expect(() => splitTelegramText('abc', 1)).toThrow(RangeError);
    expect(() => splitTelegramText('abc', 2.5)).toThrow(RangeError);
  });
});
