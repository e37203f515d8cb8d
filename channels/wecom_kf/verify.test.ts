import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wecomKfCallback, wecomUrlCheck } from '../../test/support/wecom-callbacks.js';
import { tencentSignature } from '../wechat/crypto.js';
import { wecomKfConfigSchema } from './config.js';
import { verifyWeComKfWebhook } from './verify.js';

const vectors = JSON.parse(readFileSync(new URL('../wechat/fixtures/crypto-vectors.json', import.meta.url), 'utf8')) as {
  wecom: { token: string; corpId: string; encodingAESKey: string; verify: Record<string, string>; post: Record<string, string> };
};
const v = vectors.wecom;
const config = wecomKfConfigSchema.parse({ corpId: v.corpId, secret: 's', token: v.token, encodingAESKey: v.encodingAESKey, openKfId: 'wkAJ2GCAAASSm4_FhToWMFea0xAFfd3Q' });
const req = (r: { method: string; query: Record<string, string>; body: string }) => ({ ...r, headers: {} });

describe('WeCom URL verification', () => {
  it("answers the plaintext of WeCom's published sample echostr", () => {
    const { msg_signature, timestamp, nonce, echostr, plaintext } = v.verify;
    const verdict = verifyWeComKfWebhook(req({ method: 'GET', query: { msg_signature: msg_signature!, timestamp: timestamp!, nonce: nonce!, echostr: echostr! }, body: '' }), config);
    expect(verdict).toMatchObject({ kind: 'respond', response: { status: 200, body: plaintext } });
  });

  it('refuses a wrong signature and a ciphertext for another CorpId', () => {
    const check = wecomUrlCheck(config);
    expect(verifyWeComKfWebhook(req(check), config)).toMatchObject({ response: { status: 200, body: check.plaintext } });
    expect(verifyWeComKfWebhook(req({ ...check, query: { ...check.query, timestamp: '1' } }), config)).toMatchObject({ response: { status: 401 } });
    const other = wecomUrlCheck({ ...config, corpId: 'ww0000000000000000' });
    expect(verifyWeComKfWebhook(req(other), config)).toMatchObject({ response: { status: 401 } });
  });
});

describe('WeCom callbacks', () => {
  it("decrypts WeCom's published POST sample (not a kf event: acknowledged, nothing pulled)", () => {
    const { msg_signature, timestamp, nonce, body } = v.post;
    const verdict = verifyWeComKfWebhook(req({ method: 'POST', query: { msg_signature: msg_signature!, timestamp: timestamp!, nonce: nonce! }, body: body! }), config);
    expect(verdict).toEqual({ kind: 'respond', response: expect.objectContaining({ status: 200, body: 'success' }) });
  });

  it('turns kf_msg_or_event into a pull with the callback Token and open_kfid', () => {
    const verdict = verifyWeComKfWebhook(req(wecomKfCallback(config, 'SYNC_TOKEN_1')), config);
    expect(verdict).toEqual({ kind: 'pull', hint: { token: 'SYNC_TOKEN_1', openKfId: config.openKfId }, ack: expect.objectContaining({ status: 200, body: 'success' }) });
  });

  it("does not pull for another customer-service account's notice", () => {
    const verdict = verifyWeComKfWebhook(req(wecomKfCallback(config, 'T', { openKfId: 'wkOTHER' })), config);
    expect(verdict).toMatchObject({ kind: 'respond', response: { status: 200 } });
  });

  it('refuses forged signatures, another CorpId, a missing msg_signature with 401', () => {
    expect(verifyWeComKfWebhook(req(wecomKfCallback(config, 'T', { forge: true })), config)).toMatchObject({ response: { status: 401 } });
    expect(verifyWeComKfWebhook(req(wecomKfCallback(config, 'T', { corpId: 'ww0000000000000000' })), config)).toMatchObject({ response: { status: 401 } });
    const cb = wecomKfCallback(config, 'T');
    expect(verifyWeComKfWebhook(req({ ...cb, query: { timestamp: cb.query.timestamp!, nonce: cb.query.nonce! } }), config)).toMatchObject({ response: { status: 401 } });
  });

  it('answers 400 to a correctly signed but malformed envelope, 401 to one without Encrypt, 413 to oversize', () => {
    const q = { msg_signature: tencentSignature(config.token, '1', '2', 'QUJD'), timestamp: '1', nonce: '2' };
    expect(verifyWeComKfWebhook(req({ method: 'POST', query: q, body: '<xml><Encrypt>QUJD</Encrypt><Open>' }), config)).toMatchObject({ response: { status: 400 } });
    expect(verifyWeComKfWebhook(req({ method: 'POST', query: q, body: '<xml><Encrypt>QUJD</Encrypt><Encrypt>QUJD</Encrypt></xml>' }), config)).toMatchObject({ response: { status: 400 } });
    expect(verifyWeComKfWebhook(req({ method: 'POST', query: q, body: '<xml><ToUserName>a</ToUserName></xml>' }), config)).toMatchObject({ response: { status: 401 } });
    expect(verifyWeComKfWebhook(req({ method: 'POST', query: q, body: 'x'.repeat(70_000) }), config)).toMatchObject({ response: { status: 413 } });
  });
});
