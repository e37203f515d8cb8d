/**
 * Builds WeCom customer-service callback requests as WeCom sends them: msg_signature,
 * timestamp and nonce in the query, and the `<Encrypt>` envelope whose plaintext is the
 * kf_msg_or_event notice. Also builds sync_msg items from the recorded fixtures.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { encryptMessage, tencentSignature } from '../../channels/wechat/crypto.js';
import type { KfMessage } from '../../channels/wecom_kf/normalize.js';
import type { BuiltRequest } from './wechat-callbacks.js';

const fixtureDir = new URL('../../channels/wecom_kf/fixtures/', import.meta.url);

export function wecomFixture(name: string): KfMessage {
  return JSON.parse(readFileSync(new URL(`${name}.json`, fixtureDir), 'utf8')) as KfMessage;
}

export interface WeComSecrets {
  corpId: string;
  token: string;
  encodingAESKey: string;
  openKfId: string;
}

let nextNonce = 500_000;
const now = (): string => String(Math.floor(Date.now() / 1000));

function sign(secrets: WeComSecrets, plaintext: string, opts: { corpId?: string; forge?: boolean }): { query: Record<string, string>; encrypted: string } {
  const timestamp = now();
  const nonce = String(nextNonce++);
  const encrypted = encryptMessage(secrets.encodingAESKey, plaintext, opts.corpId ?? secrets.corpId);
  const token = opts.forge ? `${secrets.token}x` : secrets.token;
  return { query: { msg_signature: tencentSignature(token, timestamp, nonce, encrypted), timestamp, nonce }, encrypted };
}

/** The console's URL check: an encrypted echostr whose plaintext we must answer. */
export function wecomUrlCheck(secrets: WeComSecrets, plaintext = String(BigInt(`0x${randomBytes(7).toString('hex')}`))): BuiltRequest & { plaintext: string } {
  const { query, encrypted } = sign(secrets, plaintext, {});
  return { method: 'GET', query: { ...query, echostr: encrypted }, body: '', plaintext };
}

/** The kf_msg_or_event callback (`syncToken` is what sync_msg must be called with). */
export function wecomKfCallback(secrets: WeComSecrets, syncToken: string, opts: { corpId?: string; forge?: boolean; openKfId?: string } = {}): BuiltRequest {
  const xml = readFileSync(new URL('callback-kf-msg-or-event.xml', fixtureDir), 'utf8')
    .replace(/<ToUserName>.*?<\/ToUserName>/, `<ToUserName><![CDATA[${secrets.corpId}]]></ToUserName>`)
    .replace(/<CreateTime>\d+<\/CreateTime>/, `<CreateTime>${now()}</CreateTime>`)
    .replace(/<Token>.*?<\/Token>/, `<Token><![CDATA[${syncToken}]]></Token>`)
    .replace(/<OpenKfId>.*?<\/OpenKfId>/, `<OpenKfId><![CDATA[${opts.openKfId ?? secrets.openKfId}]]></OpenKfId>`);
  const { query, encrypted } = sign(secrets, xml, opts);
  return {
    method: 'POST',
    query,
    body: `<xml><ToUserName><![CDATA[${secrets.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[]]></AgentID></xml>`,
  };
}

let nextMsg = 1;
let nextOwner = 1;

export function newExternalUserId(): string {
  return `wmHx${String(nextOwner++).padStart(6, '0')}${randomBytes(9).toString('hex')}`;
}

/** A sync_msg item from a fixture (`text` → sync-msg-text.json), for this account and owner, with its own msgid. */
export function kfItem(name: string, openKfId: string, externalUserId: string, overrides: { text?: string; msgid?: string; welcomeCode?: string } = {}): KfMessage {
  const item = structuredClone(wecomFixture(`sync-msg-${name}`));
  item.msgid = overrides.msgid ?? `from_msgid_hx${Date.now()}${nextMsg++}`;
  item.open_kfid = openKfId;
  item.send_time = Math.floor(Date.now() / 1000);
  if (item.msgtype === 'event' && typeof item.event === 'object' && item.event !== null) {
    const event = item.event as Record<string, unknown>;
    event.open_kfid = openKfId;
    event.external_userid = externalUserId;
    if (overrides.welcomeCode !== undefined) event.welcome_code = overrides.welcomeCode;
  } else {
    item.external_userid = externalUserId;
  }
  if (overrides.text !== undefined && item.msgtype === 'text') item.text = { content: overrides.text };
  return item;
}
