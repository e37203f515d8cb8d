/**
 * POST /webhooks/telegram. Answers 200 only after the update is committed, so Telegram
 * retries anything we did not store; an update it retries is stored once (deduplicated by
 * message id).
 *
 * Telegram redelivers every update that does not get a 2xx, and holds back the ones behind
 * it. So a real update that can never give an item (a group message, an unhandled kind, a
 * payload missing its chat) is acknowledged with `{ ok: true, ignored: <reason> }`, counted
 * per kind and logged; 5xx is left for our own outages (database down), which a redelivery
 * can cure. A body that is not an update at all (not JSON, no update_id) is not from Telegram
 * and gets a 400 that says what is wrong.
 *
 * GET /webhooks/telegram with the same secret header returns the per-kind counts of ignored
 * updates since this process started.
 */
import { Hono } from 'hono';
import { createIgnoredTally } from '../../../channels/telegram/ignored-tally.js';
import { decodeTelegramUpdate } from '../../../channels/telegram/normalize.js';
import { verifyTelegramSecret } from '../../../channels/telegram/verify.js';
import { readBodyLimited } from '../read-body.js';
import type { AppDeps, AppEnv } from '../types.js';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export function telegramWebhookRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const tg = deps.telegram;
  const ignored = createIgnoredTally();
  app.post('/webhooks/telegram', async (c) => {
    if (!tg) return c.json({ error: 'telegram webhook not configured' }, 404);
    if (!verifyTelegramSecret(c.req.header('x-telegram-bot-api-secret-token'), tg.secret)) {
      return c.json({ error: 'wrong or missing secret token' }, 401);
    }
    const raw = await readBodyLimited(c, WEBHOOK_BODY_LIMIT);
    if (!raw.ok) return c.json({ error: 'body larger than 1 MiB' }, 413);
    let body: unknown;
    try {
      body = JSON.parse(raw.text);
    } catch {
      return c.json({ error: 'malformed JSON body' }, 400);
    }
    const decoded = decodeTelegramUpdate(body, tg.inboxId, { receivedAt: deps.services.clock.now() });
    if (decoded.outcome === 'reject') return c.json({ error: decoded.reason }, 400);
    if (decoded.outcome === 'ignore') {
      const count = ignored.record(decoded.kind);
      deps.logger.info('telegram update ignored', { updateId: decoded.updateId, kind: decoded.kind, reason: decoded.reason, count });
      return c.json({ ok: true, ignored: decoded.reason }, 200);
    }
    await deps.receive(decoded.items);
    for (const item of decoded.items) if (item.kind === 'callback' && tg.onCallback) await tg.onCallback(item.callbackId);
    return c.json({ ok: true }, 200);
  });
  app.get('/webhooks/telegram', (c) => {
    if (!tg) return c.json({ error: 'telegram webhook not configured' }, 404);
    if (!verifyTelegramSecret(c.req.header('x-telegram-bot-api-secret-token'), tg.secret)) {
      return c.json({ error: 'wrong or missing secret token' }, 401);
    }
    return c.json({ ignored: ignored.counts() }, 200);
  });
  return app;
}
