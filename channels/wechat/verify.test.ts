import { describe, expect, it } from 'vitest';
import { newOpenId, wechatMessage, wechatPost, wechatUrlCheck } from '../../test/support/wechat-callbacks.js';
import { wechatConfigSchema } from './config.js';
import { encryptMessage, tencentSignature } from './crypto.js';
import { verifyWeChatWebhook } from './verify.js';

const config = wechatConfigSchema.parse({
  appId: 'wxb11529c136998cb6',
  appSecret: 'secret',
  token: 'pamtest',
  encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
});
const req = (r: { method: string; query: Record<string, string>; body: string }) => ({ ...r, headers: {} });

describe('WeChat URL verification', () => {
  it('answers echostr to a correctly signed GET, 401 otherwise', () => {
    const check = wechatUrlCheck(config, 'echo123');
    expect(verifyWeChatWebhook(req(check), config)).toEqual({ kind: 'respond', response: expect.objectContaining({ status: 200, body: 'echo123' }) });
    const forged = { ...check, query: { ...check.query, nonce: `${check.query.nonce}1` } };
    expect(verifyWeChatWebhook(req(forged), config)).toMatchObject({ kind: 'respond', response: { status: 401 } });
  });

  it('decrypts an encrypted echostr signed with msg_signature', () => {
    const echostr = encryptMessage(config.encodingAESKey, '8723402', config.appId);
    const query = { msg_signature: tencentSignature(config.token, '1', '2', echostr), timestamp: '1', nonce: '2', echostr };
    expect(verifyWeChatWebhook(req({ method: 'GET', query, body: '' }), config)).toMatchObject({ response: { status: 200, body: '8723402' } });
    const other = encryptMessage(config.encodingAESKey, '8723402', 'wx0000000000000000');
    const q2 = { msg_signature: tencentSignature(config.token, '1', '2', other), timestamp: '1', nonce: '2', echostr: other };
    expect(verifyWeChatWebhook(req({ method: 'GET', query: q2, body: '' }), config)).toMatchObject({ response: { status: 401 } });
  });
});

describe('WeChat POST verification', () => {
  const xml = wechatMessage('text', newOpenId(), { text: '水管漏水了' });

  it('accepts plain and safe mode with the decrypted fields and the success ack', () => {
    for (const mode of ['plain', 'safe'] as const) {
      const verdict = verifyWeChatWebhook(req(wechatPost(config, xml, { mode })), config);
      expect(verdict).toMatchObject({ kind: 'accept', payload: { MsgType: 'text', Content: '水管漏水了' }, ack: { status: 200, body: 'success' } });
    }
  });

  it('refuses a forged signature in either mode with 401', () => {
    for (const mode of ['plain', 'safe'] as const) {
      expect(verifyWeChatWebhook(req(wechatPost(config, xml, { mode, forge: true })), config)).toMatchObject({ kind: 'respond', response: { status: 401 } });
    }
  });

  it('refuses a bad signature before looking at the body (malformed body, still 401)', () => {
    const post = wechatPost(config, xml, { mode: 'plain', forge: true });
    expect(verifyWeChatWebhook(req({ ...post, body: '<xml><unclosed>' }), config)).toMatchObject({ response: { status: 401 } });
  });

  it('refuses a genuine ciphertext for another AppId with 401', () => {
    const verdict = verifyWeChatWebhook(req(wechatPost(config, xml, { appId: 'wx0123456789abcdef' })), config);
    expect(verdict).toMatchObject({ kind: 'respond', response: { status: 401, body: expect.stringContaining('AppId') } });
  });

  it('refuses a tampered msg_signature in safe mode', () => {
    const post = wechatPost(config, xml);
    post.query.msg_signature = tencentSignature('other', '1', '2', '3');
    expect(verifyWeChatWebhook(req(post), config)).toMatchObject({ response: { status: 401 } });
  });

  it('answers 400 to malformed XML, a DOCTYPE and a message without MsgType', () => {
    for (const body of ['<xml><Content>unclosed</xml>', '<!DOCTYPE xml [<!ENTITY a "aaaa">]><xml><Content>&a;</Content></xml>', '<xml><Content>x</Content></xml>', 'not xml']) {
      const post = wechatPost(config, body, { mode: 'plain' });
      expect(verifyWeChatWebhook(req(post), config), body).toMatchObject({ response: { status: 400 } });
    }
  });

  it('answers 400 to a repeated field instead of guessing which one counts', () => {
    const doubled = xml.replace('</xml>', '<Content><![CDATA[second]]></Content></xml>');
    expect(verifyWeChatWebhook(req(wechatPost(config, doubled, { mode: 'plain' })), config)).toMatchObject({ response: { status: 400 } });
  });

  it('answers 413 to an oversized body', () => {
    const post = wechatPost(config, xml, { mode: 'plain' });
    expect(verifyWeChatWebhook(req({ ...post, body: `<xml>${'a'.repeat(70_000)}</xml>` }), config)).toMatchObject({ response: { status: 413 } });
  });

  it('keeps a 64-bit MsgId exactly', () => {
    const big = wechatMessage('text', newOpenId(), { msgId: '9876543210987654321' });
    expect(verifyWeChatWebhook(req(wechatPost(config, big)), config)).toMatchObject({ payload: { MsgId: '9876543210987654321' } });
  });
});
