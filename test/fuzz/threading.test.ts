/**
 * Property tests of channels/email/threading.ts: Message-IDs we generate parse back to what
 * made them, reply tokens survive the address round trip, and the threading decision never
 * joins a mail to a conversation its sender is not part of, nor to itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideThread, makeMessageId, makeReplyAddress, parseOwnMessageId, parseReplyToken, type KnownMessage } from '../../channels/email/threading.js';

const idPart = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);
const domain = fc.stringMatching(/^[A-Za-z0-9-]{1,20}(\.[A-Za-z0-9-]{1,20}){0,3}$/);
const token = fc.stringMatching(/^[A-Za-z0-9_-]{4,64}$/);
const localPart = fc.stringMatching(/^[a-z0-9._+-]{1,30}$/).filter((s) => !s.startsWith('+'));
const address = fc.tuple(localPart, domain).map(([local, host]) => `${local}@${host}`);

describe('our Message-IDs', () => {
  it('parse back to the conversation and message they were made from', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), domain, (conversationId, messageId, host) => {
        const id = makeMessageId(conversationId, messageId, host);
        expect(parseOwnMessageId(id)).toEqual({ conversationId, messageId });
        // Without angle brackets and with surrounding space, as some clients write them.
        expect(parseOwnMessageId(` ${id.slice(1, -1)} `)).toEqual({ conversationId, messageId });
      }),
      { numRuns: 500 },
    );
  });

  it('any id part of the allowed alphabet round-trips; anything else is refused, not mangled', () => {
    fc.assert(
      fc.property(idPart, idPart, domain, (a, b, host) => {
        expect(parseOwnMessageId(makeMessageId(a, b, host))).toEqual({ conversationId: a, messageId: b });
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }).filter((s) => !/^[A-Za-z0-9_-]+$/.test(s)), fc.uuid(), (bad, good) => {
        expect(() => makeMessageId(bad, good, 'example.com')).toThrow(TypeError);
        expect(() => makeMessageId(good, bad, 'example.com')).toThrow(TypeError);
      }),
      { numRuns: 300 },
    );
  });

  it('a foreign Message-ID never parses as ours', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }).filter((s) => !s.includes('huixin.')), (id) => {
        expect(parseOwnMessageId(id)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe('reply addresses', () => {
  it('the token survives the address round trip, with or without a display name', () => {
    fc.assert(
      fc.property(address, token, fc.string({ maxLength: 20 }).filter((s) => !/[<>"]/.test(s)), (mailbox, t, name) => {
        const reply = makeReplyAddress(mailbox, t);
        expect(parseReplyToken(reply)).toBe(t);
        expect(parseReplyToken(`"${name}" <${reply}>`)).toBe(t);
        expect(reply.endsWith(mailbox.slice(mailbox.lastIndexOf('@')))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('an address without a well-formed token gives null, never a wrong token', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const parsed = parseReplyToken(text);
        if (parsed !== null) {
          expect(parsed).toMatch(/^[A-Za-z0-9_-]{4,64}$/);
          expect(text).toContain(`+${parsed}@`);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('decideThread', () => {
  const known = fc.record({ messageId: fc.constantFrom('<a@x>', '<b@x>', '<c@x>', 'd@x'), conversationId: fc.constantFrom('c1', 'c2', 'c3'), participants: fc.array(fc.constantFrom('owner@x', 'Owner@X', 'other@x', 'desk@x'), { maxLength: 3 }) });
  const input = fc.record({
    messageId: fc.option(fc.constantFrom('<a@x>', '<z@x>', 'b@x'), { nil: undefined }),
    inReplyTo: fc.option(fc.constantFrom('<a@x>', '<b@x>', 'c@x', '<unknown@x>', ' <d@x> '), { nil: undefined }),
    references: fc.array(fc.constantFrom('<a@x>', '<b@x>', '<c@x>', '<d@x>', '<unknown@x>'), { maxLength: 4 }),
    sender: fc.constantFrom('owner@x', ' OWNER@x ', 'other@x', 'stranger@x', ''),
    // The store holds one row per Message-ID.
    known: fc.uniqueArray(known, { maxLength: 4, selector: (k) => k.messageId.replace(/^<|>$/g, '') }) as fc.Arbitrary<KnownMessage[]>,
    replyToken: fc.option(fc.constantFrom('tok1', 'tok2', ' tok1 '), { nil: undefined }),
    tokenConversation: fc.option(fc.record({ token: fc.constantFrom('tok1', 'tok2'), conversationId: fc.constantFrom('c1', 'c9'), participants: fc.array(fc.constantFrom('owner@x', 'other@x'), { maxLength: 2 }) }), { nil: undefined }),
  });

  it('joins only a conversation the sender takes part in, named by a header or token, never by itself', () => {
    fc.assert(
      fc.property(input, (i) => {
        const decision = decideThread(i);
        expect(decideThread(structuredClone(i))).toEqual(decision);
        if (decision.action !== 'join') return;
        const sender = i.sender.trim().toLowerCase();
        const norm = (id: string) => (id.trim().startsWith('<') ? id.trim() : `<${id.trim()}>`);
        if (decision.reason === 'reply-token') {
          expect(i.tokenConversation?.conversationId).toBe(decision.conversationId);
          expect(i.tokenConversation?.participants.map((p) => p.toLowerCase())).toContain(sender);
          return;
        }
        const matched = i.known.find((k) => norm(k.messageId) === decision.matched);
        expect(matched?.conversationId).toBe(decision.conversationId);
        expect(matched?.participants.map((p) => p.trim().toLowerCase())).toContain(sender);
        expect(decision.matched).not.toBe(i.messageId ? norm(i.messageId) : undefined);
        const headers = [i.inReplyTo, ...i.references].flatMap((h) => (h === undefined ? [] : [norm(h)]));
        expect(headers).toContain(decision.matched);
      }),
      { numRuns: 3000 },
    );
  });

  it('a mail with no reply headers and no token always opens a new conversation', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(decideThread({ ...i, inReplyTo: undefined, references: [], replyToken: undefined })).toEqual({ action: 'open', reason: 'no-reply-headers' });
      }),
      { numRuns: 500 },
    );
  });
});
