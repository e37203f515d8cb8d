/**
 * POST /webhooks/telegram. Answers 200 only after the update is committed, so Telegram
 * retries anything we did not store; an update it retries is stored once (deduplicated by
 * message id). Unknown update kinds get 200 so Telegram does not redeliver them forever.
 */
import { Hono } from 'hono';
import { cleanStrings } from '../../../channels/clean-strings.js';
import type { Update } from 'grammy/types';
import { describeIgnored, normalizeTelegramUpdate } from '../../../channels/telegram/normalize.js';
import { telegramUpdateSchema } from '../../../channels/telegram/update-schema.js';
import { verifyTelegramSecret } from '../../../channels/telegram/verify.js';
import { zodDetails } from '../errors.js';
import { readBodyLimited } from '../read-body.js';
import type { AppDeps, AppEnv } from '../types.js';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export function telegramWebhookRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const tg = deps.telegram;
  app.post('/webhooks/telegram', async (c) => {
    if (!tg) return c.json({ error: 'telegram webhook not configured' }, 404);
    if (!verifyTelegramSecret(c.req.header('x-telegram-bot-api-secret-token'), tg.secret)) {
      return c.json({ error: 'wrong or missing secret token' }, 401);
    }
    const raw = await readBodyLimited(c, WEBHOOK_BODY_LIMIT);
    if (!raw.ok) return c.json({ error: 'body larger than 1 MiB' }, 413);
    let body: unknown;
    try {
      // A NUL or a lone surrogate would fail the insert on every redelivery: clean them here.
      body = cleanStrings(JSON.parse(raw.text));
    } catch {
      return c.json({ error: 'malformed JSON body' }, 400);
    }
    const parsed = telegramUpdateSchema.safeParse(body);
    if (!parsed.success) {
      const details = zodDetails(parsed.error);
      return c.json({ error: `invalid update: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details }, 400);
    }
    const update = parsed.data as unknown as Update;
    const items = normalizeTelegramUpdate(update, tg.inboxId, { receivedAt: deps.services.clock.now() });
    if (items.length === 0) {
      deps.logger.info('telegram update ignored', { updateId: update.update_id, reason: describeIgnored(update) ?? 'unsupported update kind' });
      return c.json({ ok: true, ignored: true }, 200);
    }
    await deps.receive(items);
    for (const item of items) if (item.kind === 'callback' && tg.onCallback) await tg.onCallback(item.callbackId);
    return c.json({ ok: true }, 200);
  });
  return app;
}
