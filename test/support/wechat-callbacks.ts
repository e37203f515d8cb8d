/**
 * Builds Official Account callback requests the way WeChat's servers send them: the query
 * (signature, timestamp, nonce, and in safe mode encrypt_type=aes and msg_signature) and the
 * XML body, plain or wrapped in `<Encrypt>`. Messages start from the recorded fixtures and vary
 * only the owner, ids and text, so each test talks about its own owner and message.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encryptMessage, tencentSignature } from '../../channels/wechat/crypto.js';

const fixtureDir = new URL('../../channels/wechat/fixtures/', import.meta.url);

export function wechatFixture(name: string): string {
  return readFileSync(new URL(`${name}.xml`, fixtureDir), 'utf8');
}

export interface WeChatSecrets {
  appId: string;
  token: string;
  encodingAESKey: string;
}

export interface BuiltRequest {
  method: 'GET' | 'POST';
  query: Record<string, string>;
  body: string;
}

let nextNonce = 100_000;
const nonce = (): string => String(nextNonce++);
const now = (): string => String(Math.floor(Date.now() / 1000));

/** The console's URL check. */
export function wechatUrlCheck(secrets: WeChatSecrets, echostr = `echo${randomBytes(6).toString('hex')}`): BuiltRequest {
  const timestamp = now();
  const n = nonce();
  return { method: 'GET', query: { signature: tencentSignature(secrets.token, timestamp, n), timestamp, nonce: n, echostr }, body: '' };
}

export interface PostOptions {
  mode?: 'plain' | 'safe';
  /** Encrypt for another AppId (a ciphertext that is genuine but not ours). */
  appId?: string;
  /** Sign with a wrong token. */
  forge?: boolean;
}

/** A POSTed message (`xml` is the plaintext message XML). */
export function wechatPost(secrets: WeChatSecrets, xml: string, opts: PostOptions = {}): BuiltRequest {
  const timestamp = now();
  const n = nonce();
  const token = opts.forge ? `${secrets.token}x` : secrets.token;
  const query: Record<string, string> = { signature: tencentSignature(token, timestamp, n), timestamp, nonce: n, openid: openIdOf(xml) };
  if ((opts.mode ?? 'safe') === 'plain') return { method: 'POST', query, body: xml };
  const encrypted = encryptMessage(secrets.encodingAESKey, xml, opts.appId ?? secrets.appId);
  query.encrypt_type = 'aes';
  query.msg_signature = tencentSignature(token, timestamp, n, encrypted);
  return { method: 'POST', query, body: `<xml><ToUserName><![CDATA[gh_huixin]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>` };
}

function openIdOf(xml: string): string {
  return /<FromUserName><!\[CDATA\[([^\]]*)\]\]>/.exec(xml)?.[1] ?? '';
}

let nextMsgId = 24_000_000_000_000_000n;
let nextOwner = 1;

/** An OpenID of the shape WeChat gives (28 characters). */
export function newOpenId(): string {
  return `oHx${String(nextOwner++).padStart(6, '0')}${randomBytes(10).toString('hex').slice(0, 19)}`;
}

const cdata = (s: string): string => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** A fixture with the owner, time, MsgId and (for text) content swapped for the test's own. */
export function wechatMessage(name: string, openId: string, overrides: { text?: string; msgId?: string; createTime?: number; mediaId?: string } = {}): string {
  let xml = wechatFixture(name)
    .replace(/<FromUserName>.*?<\/FromUserName>/, `<FromUserName>${cdata(openId)}</FromUserName>`)
    .replace(/<CreateTime>\d+<\/CreateTime>/, `<CreateTime>${overrides.createTime ?? now()}</CreateTime>`)
    .replace(/<MsgId>\d+<\/MsgId>/, `<MsgId>${overrides.msgId ?? String(nextMsgId++)}</MsgId>`);
  if (overrides.text !== undefined) xml = xml.replace(/<Content>.*?<\/Content>/, `<Content>${cdata(overrides.text)}</Content>`);
  if (overrides.mediaId !== undefined) xml = xml.replace(/<MediaId>.*?<\/MediaId>/, `<MediaId>${cdata(overrides.mediaId)}</MediaId>`);
  return xml;
}

/** The query string of a built request, for fetch. */
export function queryString(query: Record<string, string>): string {
  return new URLSearchParams(query).toString();
}
