/**
 * The message crypto WeChat Official Accounts and WeCom share (WXBizMsgCrypt): a SHA-1
 * signature over the sorted token, timestamp, nonce (and ciphertext), and AES-256-CBC with a
 * key of 43 base64 characters, the IV its first 16 bytes, PKCS#7 to 32 bytes, and a plaintext
 * of 16 random bytes, a 4-byte length, the message and the receiver id (AppId or CorpId).
 *
 * @wecom/crypto does the arithmetic; this module adds what it leaves out: constant-time
 * comparison, and refusing malformed ciphertexts instead of throwing or reading past them.
 * Both channel folders (wechat, wecom_kf) import it from here.
 */
import { timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

/** SHA-1 hex over the sorted parts, joined without separator (both platforms' rule). */
export function tencentSignature(...parts: string[]): string {
  // getSignature sorts exactly four parts; plain-mode WeChat signs three, so sort here.
  const [a = '', b = '', c = '', d = ''] = [...parts].sort();
  return getSignature(a, b, c, d);
}

/** Constant-time comparison of a received signature with the expected one. */
export function signatureMatches(given: string | undefined, ...parts: string[]): boolean {
  if (!given || !/^[0-9a-f]{40}$/i.test(given)) return false;
  const expected = Buffer.from(tencentSignature(...parts), 'hex');
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), expected);
}

/** An EncodingAESKey is 43 base64 characters that decode (with a trailing '=') to 32 bytes. */
export function isEncodingAESKey(key: string): boolean {
  return /^[A-Za-z0-9+/]{43}$/.test(key) && Buffer.from(`${key}=`, 'base64').length === 32;
}

export interface Decrypted {
  message: string;
  /** The AppId (WeChat) or CorpId (WeCom) the platform put after the message. */
  receiverId: string;
}

/**
 * Decrypts one `Encrypt` value, or null when it is not a well-formed ciphertext for this key
 * (wrong key, truncated, tampered padding or length): the caller answers 401 either way.
 */
export function decryptMessage(encodingAESKey: string, ciphertext: string): Decrypted | null {
  if (!isEncodingAESKey(encodingAESKey)) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(ciphertext)) return null;
  const bytes = Buffer.from(ciphertext, 'base64');
  // 16 random + 4 length bytes at least, whole AES blocks only.
  if (bytes.length < 32 || bytes.length % 16 !== 0) return null;
  let plain: { message: string; id: string };
  try {
    plain = decrypt(encodingAESKey, ciphertext);
  } catch {
    return null;
  }
  // The library does not check that the length field fits; a message cut short by a lying
  // length leaves a receiver id that cannot match, but say so here rather than rely on it.
  const declared = Buffer.byteLength(plain.message) + Buffer.byteLength(plain.id) + 20;
  if (declared > bytes.length) return null;
  return { message: plain.message, receiverId: plain.id };
}

/** Encrypts for the platform's format; `random` (16 bytes) is fixed only by tests and fakes. */
export function encryptMessage(encodingAESKey: string, message: string, receiverId: string, random?: Buffer): string {
  return encrypt(encodingAESKey, message, receiverId, random);
}
