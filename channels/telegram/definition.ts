/**
 * The Telegram channel as a definition: one inbox per bot. Updates arrive by webhook
 * (/webhooks/telegram/<inboxId>, checked by the secret token Telegram sends back) or by long
 * polling (mode `polling`, for an install without a public address).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Api } from 'grammy';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import { cleanStrings } from '../clean-strings.js';
import { defineChannel, type ChannelInstance, type WebhookResponse, type WebhookVerdict } from '../definition.js';
import { toChannelError } from './errors.js';
import { botIdFromToken, telegramCapabilities } from './index.js';
import { normalizeTelegramUpdate } from './normalize.js';
import { ALLOWED_UPDATES, startTelegramPolling } from './poll.js';
import { sendTelegramMessage } from './send.js';
import type { ChannelCapabilities } from '../types.js';
import { telegramUpdateSchema } from './update-schema.js';

export const telegramInboxConfigSchema = z
  .object({
    botToken: z.string().trim().regex(/^\d+:[A-Za-z0-9_-]+$/, 'a bot token looks like 123456:ABC-DEF…').describe('Bot token from @BotFather'),
    // Telegram allows 1-256 characters A-Z a-z 0-9 _ - for secret_token.
    webhookSecret: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, '1-256 characters: letters, digits, _ and -')
      .optional()
      .describe('Secret token Telegram sends with every webhook request'),
    mode: z.enum(['webhook', 'polling']).default('webhook').describe('How updates arrive'),
    apiRoot: z.string().url().default('https://api.telegram.org').describe('Bot API address'),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'webhook' && !c.webhookSecret) {
      ctx.addIssue({ code: 'custom', path: ['webhookSecret'], message: 'webhook mode needs a secret token' });
    }
  });
export type TelegramInboxConfig = z.infer<typeof telegramInboxConfigSchema>;

const json = (status: number, body: unknown): WebhookResponse => ({ status, body: JSON.stringify(body), contentType: 'application/json' });
const ACK = json(200, { ok: true });

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/** Constant time, and hashed first so a length mismatch reveals nothing either. */
function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  return timingSafeEqual(sha256(given), sha256(expected));
}

function verifyTelegramWebhook(request: { method: string; headers: Record<string, string>; body: string }, config: TelegramInboxConfig): WebhookVerdict {
  if (request.method !== 'POST') return { kind: 'respond', response: json(405, { error: 'POST only' }) };
  if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], config.webhookSecret)) {
    return { kind: 'respond', response: json(401, { error: 'wrong or missing secret token' }) };
  }
  let body: unknown;
  try {
    // A NUL or a lone surrogate would fail the insert on every redelivery: clean them here.
    body = cleanStrings(JSON.parse(request.body));
  } catch {
    return { kind: 'respond', response: json(400, { error: 'malformed JSON body' }) };
  }
  const parsed = telegramUpdateSchema.safeParse(body);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    return { kind: 'respond', response: json(400, { error: `invalid update: ${details.join('; ')}` }) };
  }
  return { kind: 'accept', payload: parsed.data, ack: ACK };
}

const capabilities: ChannelCapabilities = { ...telegramCapabilities, attachmentsIn: true, attachmentsOut: false, oneOpenPerThread: true };

export const telegramDefinition = defineChannel<TelegramInboxConfig>({
  kind: 'telegram',
  label: { en: 'Telegram bot', 'zh-CN': 'Telegram 机器人' },
  configSchema: telegramInboxConfigSchema,
  secretFields: ['botToken', 'webhookSecret'],
  capabilities,
  accountKey: (config) => botIdFromToken(config.botToken),
  creatable: true,
  verifyWebhook: verifyTelegramWebhook,
  normalize: (payload, context) => normalizeTelegramUpdate(payload as Update, context.inboxId, { receivedAt: context.receivedAt }),
  create(config, context): ChannelInstance<TelegramInboxConfig> {
    const api = new Api(config.botToken, { apiRoot: config.apiRoot });
    const startIntake: NonNullable<ChannelInstance['startIntake']> = (deliver) =>
      startTelegramPolling(
        api,
        async (updates) => {
          const receivedAt = new Date();
          for (const update of updates) {
            await deliver(normalizeTelegramUpdate(cleanStrings(update), context.inboxId, { receivedAt }));
          }
        },
        context.logger,
      );
    const registerWebhook = async (url: string): Promise<void> => {
      await api.setWebhook(url, { secret_token: config.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
    };
    return {
      kind: 'telegram',
      configSchema: telegramInboxConfigSchema,
      capabilities,
      send: (target, message, progress) => sendTelegramMessage(api, target, message, progress),
      async answerCallback(callbackId, text) {
        await api.answerCallbackQuery(callbackId, text ? { text } : {});
      },
      async typing(target) {
        await api.sendChatAction(target.address, 'typing');
      },
      // The runtime starts whatever intake an instance has: polling only in polling mode, the
      // webhook registration only in webhook mode.
      ...(config.mode === 'polling' ? { startIntake } : { registerWebhook }),
      async check() {
        try {
          const me = await api.getMe();
          return { ok: true, detail: `@${me.username}` };
        } catch (err) {
          return { ok: false, error: toChannelError(err).message };
        }
      },
    };
  },
});
