import { Api } from 'grammy';
import { z } from 'zod';
import type { Channel, ChannelCapabilities } from '../types.js';
import { parseTelegramAddress } from './address.js';
import { sendTelegramMessage } from './send.js';
import { TELEGRAM_MAX_TEXT } from './split-text.js';
import type { DownloadedMedia } from '../definition.js';
import { downloadTelegramMedia } from './media.js';

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
  selfService: true,
};

export interface TelegramChannel extends Channel<TelegramConfig> {
  api: Api;
  /** getFile + download, within `maxBytes`; null when Telegram no longer has the file. */
  downloadMedia(fileId: string, maxBytes: number): Promise<DownloadedMedia | null>;
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
    downloadMedia: (fileId, maxBytes) => downloadTelegramMedia(api, config, fileId, maxBytes),
    async answerCallback(callbackId, text) {
      await api.answerCallbackQuery(callbackId, text ? { text } : {});
    },
    async typing(target) {
      const { chatId, businessConnectionId } = parseTelegramAddress(target.address);
      await api.sendChatAction(chatId, 'typing', businessConnectionId ? { business_connection_id: businessConnectionId } : {});
    },
  };
}
