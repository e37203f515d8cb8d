import { describe, expect, it } from 'vitest';
import { decideThread, makeMessageId, makeReplyAddress, parseOwnMessageId, parseReplyToken, type ThreadingInput } from './threading.js';

const OWNER = 'owner@qq.example';
const conversationA = { conversationId: 'convA', participants: [OWNER, 'kefu@wuye.example.com'] };
const conversationB = { conversationId: 'convB', participants: ['other@qq.example', 'kefu@wuye.example.com'] };

const input = (over: Partial<ThreadingInput>): ThreadingInput => ({ messageId: '<new@qq.example>', references: [], sender: OWNER, known: [], ...over });

describe('decideThread', () => {
  it('opens a new conversation for a mail without reply headers, even from a known owner', () => {
    expect(decideThread(input({}))).toEqual({ action: 'open', reason: 'no-reply-headers' });
  });

  it('joins by In-Reply-To first', () => {
    const decision = decideThread(
      input({
        inReplyTo: '<huixin.convA.m2@wuye.example.com>',
        references: ['<root@qq.example>', '<huixin.convB.m9@wuye.example.com>'],
        known: [
          { messageId: '<huixin.convA.m2@wuye.example.com>', ...conversationA },
          { messageId: '<huixin.convB.m9@wuye.example.com>', ...conversationB },
        ],
      }),
    );
    expect(decision).toEqual({ action: 'join', conversationId: 'convA', reason: 'in-reply-to', matched: '<huixin.convA.m2@wuye.example.com>' });
  });

  it('then References, newest first', () => {
    const decision = decideThread(
      input({
        inReplyTo: '<unknown@qq.example>',
        references: ['<root@qq.example>', '<mid@qq.example>', '<newest@qq.example>'],
        known: [
          { messageId: '<root@qq.example>', conversationId: 'old', participants: [OWNER] },
          { messageId: '<mid@qq.example>', ...conversationA },
        ],
      }),
    );
    expect(decision).toEqual({ action: 'join', conversationId: 'convA', reason: 'references', matched: '<mid@qq.example>' });
  });

  it('then the reply token, when the headers match nothing we know', () => {
    const decision = decideThread(input({ inReplyTo: '<stripped@x>', replyToken: 't8Kq2mZx', tokenConversation: { token: 't8Kq2mZx', ...conversationA } }));
    expect(decision).toEqual({ action: 'join', conversationId: 'convA', reason: 'reply-token', matched: 't8Kq2mZx' });
    // A resolution for another token does not count.
    expect(decideThread(input({ replyToken: 'aaaa1111', tokenConversation: { token: 't8Kq2mZx', ...conversationA } }))).toEqual({ action: 'open', reason: 'unknown-references' });
  });

  it('opens a new conversation when the references are unknown', () => {
    expect(decideThread(input({ inReplyTo: '<x@y>', references: ['<x@y>'] }))).toEqual({ action: 'open', reason: 'unknown-references' });
  });

  it('never leaks a thread to someone who is not a participant', () => {
    const decision = decideThread(input({ sender: 'stranger@163.example', inReplyTo: '<a@x>', known: [{ messageId: '<a@x>', ...conversationA }] }));
    expect(decision).toEqual({ action: 'open', reason: 'sender-not-participant', refusedConversationId: 'convA' });
    const byToken = decideThread(input({ sender: 'stranger@163.example', replyToken: 'tok12345', tokenConversation: { token: 'tok12345', ...conversationA } }));
    expect(byToken).toEqual({ action: 'open', reason: 'sender-not-participant', refusedConversationId: 'convA' });
  });

  it('compares participants case-insensitively and ids with or without brackets', () => {
    const decision = decideThread(input({ sender: 'Owner@QQ.example', inReplyTo: 'a@x', known: [{ messageId: '<a@x>', ...conversationA }] }));
    expect(decision).toMatchObject({ action: 'join', conversationId: 'convA' });
  });

  it('ignores a mail that names itself as its parent', () => {
    expect(decideThread(input({ messageId: '<self@x>', inReplyTo: '<self@x>', known: [{ messageId: '<self@x>', ...conversationA }] }))).toEqual({
      action: 'open',
      reason: 'no-reply-headers',
    });
  });

  it('does not take the subject into account at all', () => {
    // Same subject as an existing thread, but no reply headers: still a new matter.
    const decision = decideThread({ ...input({}), ...({ subject: 'Re: 5栋顶楼漏水' } as object) } as ThreadingInput);
    expect(decision).toEqual({ action: 'open', reason: 'no-reply-headers' });
  });
});

describe('our Message-IDs', () => {
  it('name their conversation and message and parse back', () => {
    const id = makeMessageId('c7f3a9e2-1b2c', 'm0002', 'Wuye.Example.com');
    expect(id).toBe('<huixin.c7f3a9e2-1b2c.m0002@wuye.example.com>');
    expect(parseOwnMessageId(id)).toEqual({ conversationId: 'c7f3a9e2-1b2c', messageId: 'm0002' });
    expect(parseOwnMessageId('huixin.c1.m2@wuye.example.com')).toEqual({ conversationId: 'c1', messageId: 'm2' });
  });

  it('are not confused with foreign ids', () => {
    expect(parseOwnMessageId('<tencent_7EBB@qq.example>')).toBeNull();
    expect(parseOwnMessageId('<huixin.only-one-part@x>')).toBeNull();
    expect(parseOwnMessageId('<HUIXIN.c.m@x> trailing')).toBeNull();
  });

  it('refuse ids that would break the format', () => {
    expect(() => makeMessageId('a.b', 'm', 'x.example')).toThrow(TypeError);
    expect(() => makeMessageId('a', 'm@x', 'x.example')).toThrow(TypeError);
    expect(() => makeMessageId('a', 'm', 'bad domain')).toThrow(TypeError);
  });
});

describe('plus-addressed Reply-To', () => {
  it('round-trips a token', () => {
    const address = makeReplyAddress('kefu@wuye.example.com', 't8Kq2mZx');
    expect(address).toBe('kefu+t8Kq2mZx@wuye.example.com');
    expect(parseReplyToken(address)).toBe('t8Kq2mZx');
    expect(parseReplyToken(`"汇信物业客服中心" <${address}>`)).toBe('t8Kq2mZx');
  });

  it('finds no token in plain or malformed addresses', () => {
    expect(parseReplyToken('kefu@wuye.example.com')).toBeNull();
    expect(parseReplyToken('+abcd@wuye.example.com')).toBeNull();
    expect(parseReplyToken('kefu+a b@wuye.example.com')).toBeNull();
    expect(parseReplyToken('not an address')).toBeNull();
    expect(() => makeReplyAddress('kefu@wuye.example.com', 'x')).toThrow(TypeError);
    expect(() => makeReplyAddress('kefu', 'abcd1234')).toThrow(TypeError);
  });
});
