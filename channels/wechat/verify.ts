/**
 * Verifies one request to /webhooks/wechat/<inboxId> (Official Account server configuration).
 *
 * - GET is the console's URL check: `signature` over the sorted token, timestamp and nonce;
 *   we answer `echostr`. (Where the platform sends `msg_signature` and an encrypted echostr,
 *   as WeCom does, the signature covers the echostr too and we answer its plaintext.)
 * - POST in plain mode carries the message XML; in safe mode (`encrypt_type=aes`) an
 *   `<Encrypt>` element whose `msg_signature` covers token, timestamp, nonce and ciphertext
 *   and whose plaintext ends with our AppId. The query `signature` is checked before the
 *   body is parsed at all; any mismatch is 401 and nothing is stored.
 */
import type { WebhookRequest, WebhookResponse, WebhookVerdict } from '../definition.js';
import type { WeChatConfig } from './config.js';
import { decryptMessage, signatureMatches } from './crypto.js';
import { MalformedXmlError, parseTencentXml, type XmlFields } from './xml.js';

/** WeChat messages are a few kB at most; anything far larger is not from WeChat. */
export const MAX_WEBHOOK_BYTES = 64 * 1024;

const text = (status: number, body: string): WebhookVerdict => ({
  kind: 'respond',
  response: { status, body, contentType: 'text/plain; charset=utf-8' },
});

/** WeChat wants the literal `success` (or an empty body) within 5 s, after we stored the message. */
export const WECHAT_ACK: WebhookResponse = { status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' };

export function verifyWeChatWebhook(request: WebhookRequest, config: WeChatConfig): WebhookVerdict {
  if (Buffer.byteLength(request.body) > MAX_WEBHOOK_BYTES) return text(413, 'payload too large');
  const q = request.query;
  const timestamp = q.timestamp ?? '';
  const nonce = q.nonce ?? '';
  const method = request.method.toUpperCase();

  if (method === 'GET') {
    const echostr = q.echostr;
    if (echostr === undefined) return text(400, 'echostr missing');
    if (q.msg_signature !== undefined) {
      if (!signatureMatches(q.msg_signature, config.token, timestamp, nonce, echostr)) return text(401, 'bad signature');
      const plain = decryptMessage(config.encodingAESKey, echostr);
      if (!plain || plain.receiverId !== config.appId) return text(401, 'bad ciphertext');
      return text(200, plain.message);
    }
    if (!signatureMatches(q.signature, config.token, timestamp, nonce)) return text(401, 'bad signature');
    return text(200, echostr);
  }
  if (method !== 'POST') return text(405, 'method not allowed');

  // Both modes carry `signature`; checking it first refuses forgeries before any parsing.
  if (!signatureMatches(q.signature, config.token, timestamp, nonce)) return text(401, 'bad signature');

  let fields: XmlFields;
  try {
    fields = parseTencentXml(request.body);
    if (q.encrypt_type === 'aes' || fields.Encrypt !== undefined) {
      const encrypted = fields.Encrypt;
      if (!encrypted) return text(400, 'Encrypt missing');
      if (!signatureMatches(q.msg_signature, config.token, timestamp, nonce, encrypted)) return text(401, 'bad msg_signature');
      const plain = decryptMessage(config.encodingAESKey, encrypted);
      if (!plain) return text(401, 'bad ciphertext');
      if (plain.receiverId !== config.appId) return text(401, 'ciphertext is for another AppId');
      fields = parseTencentXml(plain.message);
    }
  } catch (err) {
    if (err instanceof MalformedXmlError) return text(400, err.message);
    throw err;
  }
  if (!fields.MsgType || !fields.FromUserName || !/^\d+$/.test(fields.CreateTime ?? '')) {
    return text(400, 'not a WeChat message: MsgType, FromUserName and CreateTime are required');
  }
  return { kind: 'accept', payload: fields, ack: WECHAT_ACK };
}
