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
import type { WebhookRequest, WebhookVerdict } from '../definition.js';
import { answerEncryptedEcho, refuseOversized, TENCENT_ACK, textVerdict } from './callback.js';
import type { WeChatConfig } from './config.js';
import { decryptMessage, signatureMatches } from './crypto.js';
import { MalformedXmlError, parseTencentXml, type XmlFields } from './xml.js';

export function verifyWeChatWebhook(request: WebhookRequest, config: WeChatConfig): WebhookVerdict {
  const oversized = refuseOversized(request);
  if (oversized) return oversized;
  const q = request.query;
  const timestamp = q.timestamp ?? '';
  const nonce = q.nonce ?? '';
  const method = request.method.toUpperCase();

  if (method === 'GET') {
    const echostr = q.echostr;
    if (echostr === undefined) return textVerdict(400, 'echostr missing');
    if (q.msg_signature !== undefined) {
      return answerEncryptedEcho(q, { token: config.token, encodingAESKey: config.encodingAESKey, receiverId: config.appId }, 'bad signature');
    }
    if (!signatureMatches(q.signature, config.token, timestamp, nonce)) return textVerdict(401, 'bad signature');
    return textVerdict(200, echostr);
  }
  if (method !== 'POST') return textVerdict(405, 'method not allowed');

  // Both modes carry `signature`; checking it first refuses forgeries before any parsing.
  if (!signatureMatches(q.signature, config.token, timestamp, nonce)) return textVerdict(401, 'bad signature');

  let fields: XmlFields;
  try {
    fields = parseTencentXml(request.body);
    if (q.encrypt_type === 'aes' || fields.Encrypt !== undefined) {
      const encrypted = fields.Encrypt;
      if (!encrypted) return textVerdict(400, 'Encrypt missing');
      if (!signatureMatches(q.msg_signature, config.token, timestamp, nonce, encrypted)) return textVerdict(401, 'bad msg_signature');
      const plain = decryptMessage(config.encodingAESKey, encrypted);
      if (!plain) return textVerdict(401, 'bad ciphertext');
      if (plain.receiverId !== config.appId) return textVerdict(401, 'ciphertext is for another AppId');
      fields = parseTencentXml(plain.message);
    }
  } catch (err) {
    if (err instanceof MalformedXmlError) return textVerdict(400, err.message);
    throw err;
  }
  if (!fields.MsgType || !fields.FromUserName || !/^\d+$/.test(fields.CreateTime ?? '')) {
    return textVerdict(400, 'not a WeChat message: MsgType, FromUserName and CreateTime are required');
  }
  return { kind: 'accept', payload: fields, ack: TENCENT_ACK };
}
