/**
 * POST (and GET, for URL verification) /webhooks/<kind>/<inboxId>: one route for every push
 * channel. The order is the contract's:
 * 1. a body over the cap is refused (413) before anything else, nothing stored;
 * 2. an unknown or disabled inbox, or one of another kind, is 404;
 * 3. the channel's verifyWebhook decides, before any parsing: `respond` (a bad signature,
 *    a URL-verification echo, a malformed body), `accept` (a decoded payload) or `pull`;
 * 4. accept: normalize, store, and only after the commit send the channel's ack, so the
 *    platform retries anything we did not keep; pull: record a durable pull job, then ack.
 */
import { Hono } from 'hono';
import type { WebhookRequest, WebhookResponse } from '../../../channels/definition.js';
import { readBodyLimited } from '../read-body.js';
import type { AppDeps, AppEnv, ChannelWebhookDeps } from '../types.js';

export const CHANNEL_WEBHOOK_BODY_LIMIT = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function channelWebhookRoutes(deps: AppDeps, webhooks: ChannelWebhookDeps) {
  const app = new Hono<AppEnv>();
  app.on(['GET', 'POST'], '/webhooks/:kind/:inboxId', async (c) => {
    const raw = c.req.method === 'POST' ? await readBodyLimited(c, CHANNEL_WEBHOOK_BODY_LIMIT) : { ok: true as const, text: '' };
    if (!raw.ok) return c.json({ error: 'body larger than 1 MiB' }, 413);
    const { kind, inboxId } = c.req.param();
    if (!UUID.test(inboxId)) return c.json({ error: 'no such inbox' }, 404);
    const inbox = await webhooks.resolve(kind, inboxId);
    if (!inbox?.definition.verifyWebhook) return c.json({ error: 'no such inbox' }, 404);
    const { definition, config } = inbox;

    const request: WebhookRequest = {
      method: c.req.method,
      query: c.req.query(),
      headers: Object.fromEntries(Object.entries(c.req.header()).map(([k, v]) => [k.toLowerCase(), v])),
      body: raw.text,
    };
    const verdict = await definition.verifyWebhook!(request, config);
    if (verdict.kind === 'respond') return send(verdict.response);
    if (verdict.kind === 'pull') {
      if (!webhooks.enqueuePull) return c.json({ error: `${kind} needs a job queue to pull; point its callback at a Node instance` }, 501);
      await webhooks.enqueuePull(inboxId, verdict.hint);
      return send(verdict.ack);
    }
    const items = definition.normalize?.(verdict.payload, { inboxId, receivedAt: deps.services.clock.now() }) ?? [];
    if (items.length === 0) deps.logger.info('webhook payload ignored', { kind, inboxId });
    await webhooks.deliver(inboxId, items);
    return send(verdict.ack);
  });
  return app;
}

function send(response: WebhookResponse): Response {
  return new Response(response.body, { status: response.status, headers: { 'content-type': response.contentType ?? 'text/plain; charset=utf-8' } });
}
