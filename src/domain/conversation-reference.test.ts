import { describe, expect, it } from 'vitest';
import { conversationReference, parseConversationReference } from './conversation-reference.js';

describe('conversationReference', () => {
  it('is HX- and the first 8 hex digits of the id, upper case, the same every time', () => {
    const id = '3f2a9c1b-0d4e-4a5b-8c6d-7e8f9a0b1c2d';
    expect(conversationReference(id)).toBe('HX-3F2A9C1B');
    expect(conversationReference(id.toUpperCase())).toBe('HX-3F2A9C1B');
    expect(conversationReference('00000000-0000-4000-8000-000000000000')).toBe('HX-00000000');
  });

  it('refuses what is not a conversation id', () => {
    expect(() => conversationReference('3f2a9c1b')).toThrow(TypeError);
    expect(() => conversationReference('')).toThrow(TypeError);
  });

  it('reads a reference back to the id prefix, whatever the case and spacing', () => {
    expect(parseConversationReference('HX-3F2A9C1B')).toBe('3f2a9c1b');
    expect(parseConversationReference('  hx-3f2a9c1b ')).toBe('3f2a9c1b');
    expect(parseConversationReference(conversationReference('abcdef01-0d4e-4a5b-8c6d-7e8f9a0b1c2d'))).toBe('abcdef01');
    expect(parseConversationReference('HX-3F2A9C1')).toBeNull();
    expect(parseConversationReference('WO-20261122-0007')).toBeNull();
    expect(parseConversationReference('HX-3F2A9C1G')).toBeNull();
  });
});
