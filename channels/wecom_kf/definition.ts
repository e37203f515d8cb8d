/**
 * The WeCom customer-service (微信客服) channel: one inbox per customer-service account
 * (CorpId + open_kfid). WeCom's callback at /webhooks/wecom_kf/<inboxId> only announces news;
 * the messages are pulled with kf/sync_msg from a stored cursor. Replies go out with
 * kf/send_msg: at most 5 within 48 hours of the owner's last message.
 */
import { defineChannel, type ChannelContext, type ChannelInstance } from '../definition.js';
import { ChannelError, type ChannelCapabilities } from '../types.js';
import { TENCENT_MAX_TEXT_CHARS } from '../wechat/split-bytes.js';
import { checkTencentCredentials, downloadTencentMedia, TencentClient } from '../wechat/tencent-api.js';
import { wecomKfConfigSchema, type WeComKfConfig } from './config.js';
import { wecomError } from './errors.js';
import { normalizeWeComKf } from './normalize.js';
import { pullWeComKf } from './pull.js';
import { sendWeComKfMessage } from './send.js';
import { verifyWeComKfWebhook } from './verify.js';

export const wecomKfCapabilities: ChannelCapabilities = {
  threads: false,
  edit: false,
  attachments: true,
  attachmentsIn: true,
  attachmentsOut: true,
  html: false,
  buttons: false,
  maxTextLength: TENCENT_MAX_TEXT_CHARS,
  replyWindowHours: 48,
  // One owner, one chat: a new message joins the owner's open conversation.
  oneOpenPerThread: true,
  selfService: true,
  clickMenus: true,
  templates: false,
  sendLimits: { perSecond: 20, perConversationPerSecond: 2 },
};

export function createWeComClient(config: WeComKfConfig, context: Pick<ChannelContext, 'state'>): TencentClient {
  return new TencentClient({
    channel: 'wecom_kf',
    apiRoot: config.apiRoot,
    state: context.state,
    tokenKey: `access_token:${config.corpId}`,
    async fetchToken(client) {
      try {
        const answer = await client.request('/cgi-bin/gettoken', { query: { corpid: config.corpId, corpsecret: config.secret } });
        if (typeof answer.access_token !== 'string') throw new ChannelError('wecom_kf', 'AUTH', 'gettoken answered without access_token');
        return { token: answer.access_token, expiresInSec: typeof answer.expires_in === 'number' ? answer.expires_in : 7200 };
      } catch (err) {
        throw wecomError(err);
      }
    },
  });
}

export function createWeComKfInstance(config: WeComKfConfig, context: ChannelContext): ChannelInstance<WeComKfConfig> {
  const client = createWeComClient(config, context);
  return {
    kind: 'wecom_kf',
    configSchema: wecomKfConfigSchema,
    capabilities: wecomKfCapabilities,
    send: (target, message, progress) => sendWeComKfMessage(client, config.openKfId, target, message, progress),
    pull: (cursor, hint) => pullWeComKf({ client, config, state: context.state, logger: context.logger, inboxId: context.inboxId }, cursor, hint),
    downloadMedia: (fileId, maxBytes) => downloadTencentMedia(client, wecomError, fileId, maxBytes),
    check: () => checkTencentCredentials(client, wecomError, `${config.corpId} / ${config.openKfId}`),
  };
}

export const wecomKfDefinition = defineChannel<WeComKfConfig>({
  kind: 'wecom_kf',
  label: { en: 'WeCom customer service', 'zh-CN': '微信客服' },
  configSchema: wecomKfConfigSchema,
  secretFields: ['secret', 'token', 'encodingAESKey'],
  capabilities: wecomKfCapabilities,
  accountKey: (config) => `${config.corpId}:${config.openKfId}`,
  creatable: true,
  verifyWebhook: verifyWeComKfWebhook,
  normalize: (payload, context) => normalizeWeComKf(payload, context),
  create: createWeComKfInstance,
});
