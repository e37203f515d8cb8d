import { describe, expect, it } from 'vitest';
import { cleanString, cleanStrings } from './clean-strings.js';

describe('cleanString', () => {
  it('drops NUL characters', () => {
    expect(cleanString('漏\u0000水')).toBe('漏水');
  });

  it('replaces lone surrogates and keeps real pairs', () => {
    expect(cleanString('a\uD83Db')).toBe('a\uFFFDb');
    expect(cleanString('a\uDE00b')).toBe('a\uFFFDb');
    expect(cleanString('tail\uD83D')).toBe('tail\uFFFD');
    expect(cleanString('😀 ok')).toBe('😀 ok');
  });

  it('leaves ordinary text alone', () => {
    expect(cleanString('物业客服 hello')).toBe('物业客服 hello');
  });
});

describe('cleanStrings', () => {
  it('cleans every string inside a payload, keys included', () => {
    const update = JSON.parse('{"update_id":1,"message":{"text":"a\\u0000b\\ud800","from":{"first_name":"\\udc00王"},"entities":[{"type":"bold"}]},"k\\u0000":1}');
    expect(cleanStrings(update)).toEqual({ update_id: 1, message: { text: 'ab\uFFFD', from: { first_name: '\uFFFD王' }, entities: [{ type: 'bold' }] }, k: 1 });
  });

  it('returns the same object when nothing needs cleaning', () => {
    const update = { update_id: 1, message: { text: '你好', entities: [{ type: 'bold', offset: 0 }] } };
    expect(cleanStrings(update)).toBe(update);
  });

  it('keeps a "__proto__" key as a field instead of changing the copy\'s prototype', () => {
    const update = JSON.parse('{"__proto__":{"polluted":1},"text":"a\\u0000b"}') as Record<string, unknown>;
    const cleaned = cleanStrings(update);
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['__proto__', 'text']);
    expect(cleaned.text).toBe('ab');
  });
});
