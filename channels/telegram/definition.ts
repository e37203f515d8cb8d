/**
 * The Telegram channel as a definition: one inbox per bot. Updates arrive by webhook
 * (/webhooks/telegram/<inboxId>, checked by the secret token Telegram sends back) or by long
 * polling (mode `polling`, for an install without a public address).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { defineChannel, type ChannelInstance, type WebhookResponse, type WebhookVerdict } from '../definition.js';
import { publishCommands } from './commands.js';
import { toChannelError } from './errors.js';
import { botIdFromToken, createTelegramChannel, telegramCapabilities } from './index.js';
import { createIgnoredTally } from './ignored-tally.js';
import { decodeTelegramUpdate, normalizeTelegramUpdate } from './normalize.js';
import { ALLOWED_UPDATES, startTelegramPolling } from './poll.js';
import type { ChannelCapabilities } from '../types.js';

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
    body = JSON.parse(request.body);
  } catch {
    return { kind: 'respond', response: json(400, { error: 'malformed JSON body' }) };
  }
  // Decoded here only to sort the body: not an update (400), a real update that can never be
  // stored (200 ignored, so Telegram stops redelivering it), or one to store; `normalize`
  // decodes it again with the inbox's id.
  const decoded = decodeTelegramUpdate(body, '');
  if (decoded.outcome === 'reject') return { kind: 'respond', response: json(400, { error: decoded.reason }) };
  if (decoded.outcome === 'ignore') return { kind: 'respond', response: json(200, { ok: true, ignored: decoded.reason }) };
  return { kind: 'accept', payload: body, ack: ACK };
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
  normalize: (payload, context) => normalizeTelegramUpdate(payload, context.inboxId, { receivedAt: context.receivedAt }),
  create(config, context): ChannelInstance<TelegramInboxConfig> {
    // The same channel object the rest of the code knows (send, business chats, callbacks,
    // typing, media), plus what an inbox runs: its intake and the credential check.
    const base = createTelegramChannel({ token: config.botToken, apiRoot: config.apiRoot });
    const api = base.api;
    const ignored = createIgnoredTally();
    const startIntake: NonNullable<ChannelInstance['startIntake']> = (deliver) =>
      startTelegramPolling(
        api,
        async (updates) => {
          const receivedAt = new Date();
          for (const update of updates) {
            // An update that can never be stored is logged and skipped, so it cannot stall the poller.
            const decoded = decodeTelegramUpdate(update, context.inboxId, { receivedAt });
            if (decoded.outcome !== 'accept') {
              const kind = decoded.outcome === 'ignore' ? decoded.kind : 'invalid';
              context.logger.info('telegram update ignored', { inboxId: context.inboxId, kind, reason: decoded.reason, count: ignored.record(kind) });
              continue;
            }
            await deliver(decoded.items);
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
      send: base.send,
      answerCallback: base.answerCallback,
      typing: base.typing,
      downloadMedia: base.downloadMedia,
      announce: () => publishCommands(api),
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
