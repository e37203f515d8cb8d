import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decryptMessage, encryptMessage, isEncodingAESKey, signatureMatches, tencentSignature } from './crypto.js';

// The platforms' own published sample vectors (sources in fixtures/NOTES.md and the JSON).
const vectors = JSON.parse(readFileSync(new URL('./fixtures/crypto-vectors.json', import.meta.url), 'utf8')) as {
  wechat: Record<string, string>;
  wecom: { token: string; corpId: string; encodingAESKey: string; verify: Record<string, string>; post: Record<string, string> };
};

describe('Tencent message crypto against the published vectors', () => {
  const w = vectors.wechat;

  it('encrypts WeChat\'s sample reply to exactly the published ciphertext', () => {
    expect(encryptMessage(w.encodingAESKey!, w.replyMsg!, w.appId!, Buffer.from(w.randomStr!))).toBe(w.afterAesEncrypt);
  });

  it('decrypts both WeChat samples to their plaintext and AppId', () => {
    expect(decryptMessage(w.encodingAESKey!, w.afterAesEncrypt!)).toEqual({ message: w.replyMsg, receiverId: w.appId });
    expect(decryptMessage(w.encodingAESKey!, w.afterAesEncrypt2!)).toEqual({ message: w.replyMsg2, receiverId: w.appId });
  });

  it('checks WeCom\'s URL-verification sample and decrypts its echostr', () => {
    const { token, encodingAESKey, corpId, verify } = vectors.wecom;
    expect(tencentSignature(token, verify.timestamp!, verify.nonce!, verify.echostr!)).toBe(verify.msg_signature);
    expect(signatureMatches(verify.msg_signature, token, verify.timestamp!, verify.nonce!, verify.echostr!)).toBe(true);
    expect(decryptMessage(encodingAESKey, verify.echostr!)).toEqual({ message: verify.plaintext, receiverId: corpId });
  });

  it('checks WeCom\'s POST sample signature and decrypts the message', () => {
    const { token, encodingAESKey, corpId, post } = vectors.wecom;
    const encrypted = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(post.body!)![1]!;
    expect(signatureMatches(post.msg_signature, token, post.timestamp!, post.nonce!, encrypted)).toBe(true);
    expect(decryptMessage(encodingAESKey, encrypted)).toEqual({ message: post.plaintext, receiverId: corpId });
  });
});

describe('refusals', () => {
  const key = vectors.wechat.encodingAESKey!;

  it('refuses a signature that differs in one digit, in case, length or is missing', () => {
    const good = tencentSignature('pamtest', '1', '2');
    const flipped = good.slice(0, -1) + (good.endsWith('0') ? '1' : '0');
    expect(signatureMatches(good, 'pamtest', '1', '2')).toBe(true);
    expect(signatureMatches(good.toUpperCase(), 'pamtest', '1', '2')).toBe(true);
    expect(signatureMatches(flipped, 'pamtest', '1', '2')).toBe(false);
    expect(signatureMatches(good.slice(1), 'pamtest', '1', '2')).toBe(false);
    expect(signatureMatches(undefined, 'pamtest', '1', '2')).toBe(false);
    expect(signatureMatches(good, 'other', '1', '2')).toBe(false);
  });

  it('returns null for ciphertexts that are not whole blocks, not base64, truncated or under another key', () => {
    const c = vectors.wechat.afterAesEncrypt!;
    expect(decryptMessage(key, 'not base64!')).toBeNull();
    expect(decryptMessage(key, Buffer.alloc(20).toString('base64'))).toBeNull();
    expect(decryptMessage(key, '')).toBeNull();
    expect(decryptMessage(vectors.wecom.encodingAESKey, c)?.receiverId ?? null).not.toBe(vectors.wechat.appId);
  });

  it('knows an EncodingAESKey by its shape', () => {
    expect(isEncodingAESKey(key)).toBe(true);
    expect(isEncodingAESKey(key.slice(1))).toBe(false);
    expect(isEncodingAESKey(`${key.slice(0, 42)}!`)).toBe(false);
  });
});
