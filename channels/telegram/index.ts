import { Api } from 'grammy';
import { z } from 'zod';
import type { Channel, ChannelCapabilities } from '../types.js';
import { sendTelegramMessage } from './send.js';
import { TELEGRAM_MAX_TEXT } from './split-text.js';

export const telegramConfigSchema = z.object({
  token: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'a bot token looks like 123456:ABC-DEF…'),
  apiRoot: z.string().url().default('https://api.telegram.org'),
});
export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

export const telegramCapabilities: ChannelCapabilities = {
  threads: false,
  edit: true,
  attachments: true,
  html: false,
  buttons: true,
  maxTextLength: TELEGRAM_MAX_TEXT,
  // Bot API FAQ: about 30 messages a second per bot, at most one a second per chat.
  sendLimits: { perSecond: 30, perConversationPerSecond: 1 },
};

export interface TelegramChannel extends Channel<TelegramConfig> {
  api: Api;
}

/** The bot's numeric id is the token's prefix; it identifies the inbox without a getMe call. */
export function botIdFromToken(token: string): string {
  return token.split(':')[0] ?? token;
}

export function createTelegramChannel(input: TelegramConfig): TelegramChannel {
  const config = telegramConfigSchema.parse(input);
  const api = new Api(config.token, { apiRoot: config.apiRoot });
  return {
    kind: 'telegram',
    configSchema: telegramConfigSchema,
    capabilities: telegramCapabilities,
    api,
    send: (target, message, progress) => sendTelegramMessage(api, target, message, progress),
    async answerCallback(callbackId, text) {
      await api.answerCallbackQuery(callbackId, text ? { text } : {});
    },
    async typing(target) {
      await api.sendChatAction(target.address, 'typing');
    },
  };
}
