/**
 * The WeChat Official Account (服务号) channel: one inbox per AppId. Owners' messages arrive
 * at /webhooks/wechat/<inboxId> (the URL entered in the console's server configuration);
 * replies go out as customer-service messages within 48 hours of the owner's last message,
 * and as approved template messages after that.
 */
import { defineChannel, type ChannelContext, type ChannelInstance } from '../definition.js';
import { ChannelError, type ChannelCapabilities, type SendResult, type SendTarget } from '../types.js';
import { wechatConfigSchema, type WeChatConfig } from './config.js';
import { wechatError } from './errors.js';
import { normalizeWeChat } from './normalize.js';
import { sendWeChatMessage } from './send.js';
import { TENCENT_MAX_TEXT_CHARS } from './split-bytes.js';
import { checkTencentCredentials, downloadTencentMedia, TencentClient } from './tencent-api.js';
import { checkWeChatTemplate, sendWeChatTemplate, templateOf } from './templates.js';
import { verifyWeChatWebhook } from './verify.js';
import type { XmlFields } from './xml.js';

export const wechatCapabilities: ChannelCapabilities = {
  threads: false,
  edit: false,
  attachments: true,
  attachmentsIn: true,
  attachmentsOut: true,
  html: false,
  buttons: false,
  // Characters per part (2048 bytes hold 682 Chinese characters); longer replies go out in parts.
  maxTextLength: TENCENT_MAX_TEXT_CHARS,
  replyWindowHours: 48,
  // One owner, one chat: a new message joins the owner's open conversation.
  oneOpenPerThread: true,
  selfService: true,
  clickMenus: true,
  templates: true,
  // WeChat publishes daily quotas, not a rate; stay well below what bursts have been seen to pass.
  sendLimits: { perSecond: 20, perConversationPerSecond: 2 },
};

export interface WeChatInstance extends ChannelInstance<WeChatConfig> {
  sendTemplate(target: SendTarget, templateId: string, variables: Record<string, string>): Promise<SendResult>;
}

export function createWeChatClient(config: WeChatConfig, context: Pick<ChannelContext, 'state'>): TencentClient {
  return new TencentClient({
    channel: 'wechat',
    apiRoot: config.apiRoot,
    state: context.state,
    tokenKey: `access_token:${config.appId}`,
    async fetchToken(client) {
      try {
        const answer = await client.request('/cgi-bin/token', {
          query: { grant_type: 'client_credential', appid: config.appId, secret: config.appSecret },
        });
        if (typeof answer.access_token !== 'string') throw new ChannelError('wechat', 'AUTH', 'cgi-bin/token answered without access_token');
        return { token: answer.access_token, expiresInSec: typeof answer.expires_in === 'number' ? answer.expires_in : 7200 };
      } catch (err) {
        throw wechatError(err);
      }
    },
  });
}

export function createWeChatInstance(config: WeChatConfig, context: ChannelContext): WeChatInstance {
  const client = createWeChatClient(config, context);
  const sendTemplate = (target: SendTarget, templateId: string, variables: Record<string, string>) =>
    sendWeChatTemplate(client, config.templates, target, templateId, variables);
  return {
    kind: 'wechat',
    configSchema: wechatConfigSchema,
    capabilities: wechatCapabilities,
    send(target, message, progress) {
      // A stored template message (POST /api/conversations/{id}/template-messages) travels the
      // same delivery path and is sent as what it is.
      const template = templateOf(message.meta);
      if (template) return sendTemplate(target, template.id, template.variables);
      return sendWeChatMessage(client, target, message, progress);
    },
    sendTemplate,
    downloadMedia: (fileId, maxBytes) => downloadTencentMedia(client, wechatError, fileId, maxBytes),
    check: () => checkTencentCredentials(client, wechatError, `AppId ${config.appId}`),
  };
}

export const wechatDefinition = defineChannel<WeChatConfig>({
  kind: 'wechat',
  label: { en: 'WeChat Official Account', 'zh-CN': '微信服务号' },
  configSchema: wechatConfigSchema,
  secretFields: ['appSecret', 'token', 'encodingAESKey'],
  capabilities: wechatCapabilities,
  accountKey: (config) => config.appId,
  creatable: true,
  verifyWebhook: verifyWeChatWebhook,
  normalize: (payload, context) => normalizeWeChat(payload as XmlFields, context),
  checkTemplate: (config, templateId, variables) => checkWeChatTemplate(config.templates, templateId, variables),
  create: createWeChatInstance,
});
