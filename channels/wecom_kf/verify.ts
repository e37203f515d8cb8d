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
import type { WebhookRequest, WebhookVerdict } from '../definition.js';
import { answerEncryptedEcho, refuseOversized, TENCENT_ACK, textVerdict } from '../wechat/callback.js';
import { decryptMessage, signatureMatches } from '../wechat/crypto.js';
import { MalformedXmlError, parseTencentXml, type XmlFields } from '../wechat/xml.js';
import type { WeComKfConfig } from './config.js';

const ENCRYPT = /<Encrypt>\s*(?:<!\[CDATA\[([A-Za-z0-9+/=]+)\]\]>|([A-Za-z0-9+/=]+))\s*<\/Encrypt>/;

export function verifyWeComKfWebhook(request: WebhookRequest, config: WeComKfConfig): WebhookVerdict {
  const oversized = refuseOversized(request);
  if (oversized) return oversized;
  const q = request.query;
  const timestamp = q.timestamp ?? '';
  const nonce = q.nonce ?? '';
  const method = request.method.toUpperCase();

  if (method === 'GET') {
    const echostr = q.echostr;
    if (echostr === undefined) return textVerdict(400, 'echostr missing');
    return answerEncryptedEcho(q, { token: config.token, encodingAESKey: config.encodingAESKey, receiverId: config.corpId }, 'bad msg_signature');
  }
  if (method !== 'POST') return textVerdict(405, 'method not allowed');
  // The signature covers the ciphertext, so that is read first, without parsing the body: a
  // forged request is refused before any XML parser sees it.
  const match = ENCRYPT.exec(request.body);
  const encrypted = match?.[1] ?? match?.[2];
  if (!encrypted || !signatureMatches(q.msg_signature, config.token, timestamp, nonce, encrypted)) return textVerdict(401, 'bad or missing msg_signature');

  let fields: XmlFields;
  try {
    const envelope = parseTencentXml(request.body);
    // The element the signature was checked on must be the one the parser sees.
    if (envelope.Encrypt !== encrypted) return textVerdict(400, 'malformed envelope');
    const plain = decryptMessage(config.encodingAESKey, encrypted);
    if (!plain) return textVerdict(401, 'bad ciphertext');
    if (plain.receiverId !== config.corpId) return textVerdict(401, 'ciphertext is for another CorpId');
    fields = parseTencentXml(plain.message);
  } catch (err) {
    if (err instanceof MalformedXmlError) return textVerdict(400, err.message);
    throw err;
  }
  if (fields.Event === 'kf_msg_or_event') {
    // One callback URL may serve several customer-service accounts of the corp: only ours pulls.
    if (fields.OpenKfId && fields.OpenKfId !== config.openKfId) return { kind: 'respond', response: TENCENT_ACK };
    return { kind: 'pull', hint: { token: fields.Token ?? '', openKfId: fields.OpenKfId ?? config.openKfId }, ack: TENCENT_ACK };
  }
  // Other WeCom events (account changes, …) need nothing from this inbox.
  return { kind: 'respond', response: TENCENT_ACK };
}
