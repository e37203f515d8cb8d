/**
 * What the Official Account and WeCom callbacks share before their own checks: the body cap,
 * plain-text answers, the literal `success` they want once we stored what they sent, and the
 * URL check with an encrypted echostr (msg_signature over token, timestamp, nonce and the
 * ciphertext, whose plaintext must name our AppId or CorpId).
 */
import type { WebhookRequest, WebhookResponse, WebhookVerdict } from '../definition.js';
import { decryptMessage, signatureMatches } from './crypto.js';

/** Their messages are a few kB at most; anything far larger is not from them. */
export const MAX_WEBHOOK_BYTES = 64 * 1024;

export const textVerdict = (status: number, body: string): WebhookVerdict => ({
  kind: 'respond',
  response: { status, body, contentType: 'text/plain; charset=utf-8' },
});

/** Both platforms want the literal `success` (or an empty body) within 5 s, after we stored the message. */
export const TENCENT_ACK: WebhookResponse = { status: 200, body: 'success', contentType: 'text/plain; charset=utf-8' };

/** 413 for a body over the cap, else null. */
export function refuseOversized(request: WebhookRequest): WebhookVerdict | null {
  return Buffer.byteLength(request.body) > MAX_WEBHOOK_BYTES ? textVerdict(413, 'payload too large') : null;
}

/** The URL check with an encrypted echostr: its plaintext when signature and receiver match, else 401. */
export function answerEncryptedEcho(
  query: Record<string, string>,
  secrets: { token: string; encodingAESKey: string; receiverId: string },
  badSignature: string,
): WebhookVerdict {
  const echostr = query.echostr ?? '';
  if (!signatureMatches(query.msg_signature, secrets.token, query.timestamp ?? '', query.nonce ?? '', echostr)) return textVerdict(401, badSignature);
  const plain = decryptMessage(secrets.encodingAESKey, echostr);
  if (!plain || plain.receiverId !== secrets.receiverId) return textVerdict(401, 'bad ciphertext');
  return textVerdict(200, plain.message);
}
