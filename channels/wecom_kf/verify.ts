/**
 * Verifies one request to /webhooks/wecom_kf/<inboxId> (the callback URL of the 微信客服
 * settings). Everything WeCom sends is encrypted: GET is the URL check (decrypt echostr,
 * answer its plaintext), POST an `<Encrypt>` envelope whose `msg_signature` covers token,
 * timestamp, nonce and ciphertext and whose plaintext ends with our CorpId.
 *
 * The callback only says "there is something new" (kf_msg_or_event, with a short-lived
 * Token that raises the sync rate limit); the messages themselves are pulled with
 * kf/sync_msg. So the verdict is `pull`, and the route stores a pull job before answering.
 */
import type { WebhookResponse, WebhookRequest, WebhookVerdict } from '../definition.js';
import { decryptMessage, signatureMatches } from '../wechat/crypto.js';
import { MAX_WEBHOOK_BYTES } from '../wechat/verify.js';
import { MalformedXmlError, parseTencentXml, type XmlFields } from '../wechat/xml.js';
import type { WeComKfConfig } from './config.js';

const text = (status: number, body: string): WebhookVerdict => ({
  kind: 'respond',
  response: { status, body, contentType: 'text/plain; charset=utf-8' },
});

const ENCRYPT = /<Encrypt>\s*(?:<!\[CDATA\[([A-Za-z0-9+/=]+)\]\]>|([A-Za-z0-9+/=]+))\s*<\/Encrypt>/;

export const WECOM_ACK: WebhookResponse = { status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' };

export function verifyWeComKfWebhook(request: WebhookRequest, config: WeComKfConfig): WebhookVerdict {
  if (Buffer.byteLength(request.body) > MAX_WEBHOOK_BYTES) return text(413, 'payload too large');
  const q = request.query;
  const timestamp = q.timestamp ?? '';
  const nonce = q.nonce ?? '';
  const method = request.method.toUpperCase();

  if (method === 'GET') {
    const echostr = q.echostr;
    if (echostr === undefined) return text(400, 'echostr missing');
    if (!signatureMatches(q.msg_signature, config.token, timestamp, nonce, echostr)) return text(401, 'bad msg_signature');
    const plain = decryptMessage(config.encodingAESKey, echostr);
    if (!plain || plain.receiverId !== config.corpId) return text(401, 'bad ciphertext');
    return text(200, plain.message);
  }
  if (method !== 'POST') return text(405, 'method not allowed');
  // The signature covers the ciphertext, so that is read first, without parsing the body: a
  // forged request is refused before any XML parser sees it.
  const encrypted = ENCRYPT.exec(request.body)?.[1] ?? ENCRYPT.exec(request.body)?.[2];
  if (!encrypted || !signatureMatches(q.msg_signature, config.token, timestamp, nonce, encrypted)) return text(401, 'bad or missing msg_signature');

  let fields: XmlFields;
  try {
    const envelope = parseTencentXml(request.body);
    // The element the signature was checked on must be the one the parser sees.
    if (envelope.Encrypt !== encrypted) return text(400, 'malformed envelope');
    const plain = decryptMessage(config.encodingAESKey, encrypted);
    if (!plain) return text(401, 'bad ciphertext');
    if (plain.receiverId !== config.corpId) return text(401, 'ciphertext is for another CorpId');
    fields = parseTencentXml(plain.message);
  } catch (err) {
    if (err instanceof MalformedXmlError) return text(400, err.message);
    throw err;
  }
  if (fields.Event === 'kf_msg_or_event') {
    // One callback URL may serve several customer-service accounts of the corp: only ours pulls.
    if (fields.OpenKfId && fields.OpenKfId !== config.openKfId) return { kind: 'respond', response: WECOM_ACK };
    return { kind: 'pull', hint: { token: fields.Token ?? '', openKfId: fields.OpenKfId ?? config.openKfId }, ack: WECOM_ACK };
  }
  // Other WeCom events (account changes, …) need nothing from this inbox.
  return { kind: 'respond', response: WECOM_ACK };
}
