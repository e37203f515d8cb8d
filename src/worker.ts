/**
 * Cloudflare Workers entry: webhook intake and the REST API over Hyperdrive. No socket.io,
 * no job workers, no IMAP/SMTP (none of them run on Workers, and nothing here imports them).
 * Database and config are created per request from `env`, never as module singletons.
 *
 * Replies stored here are `queued`; a Node instance's delivery sweep sends them (within
 * about a minute), since pg-boss workers run only on Node. Live pushes to agents come from
 * Node instances too: the events are in the events table, and clients catch up by seq.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../db/schema/index.js';
import type { Db } from '../db/client.js';
import { envSchema, telegramSettings } from './config/env.js';
import { createApp } from './http/app.js';
import type { Logger } from './logger.js';
import { createAuth } from './services/auth.js';
import { createEventBus } from './services/event-bus.js';
import { systemClock, type JobQueue, type ServiceDeps } from './services/ports.js';
import { receiveInbound } from './services/receive-inbound.js';
import { eq, and } from 'drizzle-orm';
import { inboxes } from '../db/schema/index.js';
import { botIdFromToken } from '../channels/telegram/index.js';
import { createInboxHealth } from './services/inboxes/inbox-health.js';
import { loadRunnableInbox } from './services/inboxes/inbox-store.js';
import { createSecretBox } from './services/secret-box.js';
import type { ChannelWebhookDeps, InboxAppDeps } from './http/types.js';

export interface WorkerEnv {
  HYPERDRIVE?: { connectionString: string };
  [key: string]: unknown;
}

interface ExecutionContextLike {
  waitUntil(p: Promise<unknown>): void;
}

const consoleLogger: Logger = {
  debug: () => {},
  info: (msg, f) => console.log(JSON.stringify({ level: 'info', msg, ...f })),
  warn: (msg, f) => console.warn(JSON.stringify({ level: 'warn', msg, ...f })),
  error: (msg, f) => console.error(JSON.stringify({ level: 'error', msg, ...f })),
};

/** Delivery is left to the Node sweep (see above). */
const sweepLeftQueue: JobQueue = { enqueueDelivery: async () => {} };

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    const vars: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(env)) if (typeof v === 'string') vars[k] = v;
    const databaseUrl = env.HYPERDRIVE?.connectionString ?? vars.DATABASE_URL;
    const parsed = envSchema.safeParse({ ...vars, DATABASE_URL: databaseUrl });
    if (!parsed.success) {
      return Response.json({ error: 'worker misconfigured', details: parsed.error.issues.map((i) => i.path.join('.')) }, { status: 500 });
    }
    const config = parsed.data;
    // Hyperdrive pools connections on its side; one small client per request is the norm.
    const sql = postgres(databaseUrl as string, { max: 5, fetch_types: false, prepare: true });
    const db = drizzle(sql, { schema }) as unknown as Db;
    try {
      const deps: ServiceDeps = { db, clock: systemClock, bus: createEventBus(), jobs: sweepLeftQueue, logger: consoleLogger };
      const tg = telegramSettings(config);
      let telegram;
      if (tg?.webhookSecret) {
        const [inbox] = await db
          .select({ id: inboxes.id })
          .from(inboxes)
          .where(and(eq(inboxes.channel, 'telegram'), eq(inboxes.accountKey, botIdFromToken(tg.token))));
        if (inbox) telegram = { inboxId: inbox.id, secret: tg.webhookSecret };
      }
      // Inboxes as data, from the same registry as on Node; read per request (no module state).
      const secretBox = config.APP_SECRET && config.APP_SECRET.length >= 16 ? createSecretBox(config.APP_SECRET) : null;
      const health = createInboxHealth(db, consoleLogger);
      const channelWebhooks: ChannelWebhookDeps | undefined = secretBox
        ? {
            async resolve(kind, inboxId) {
              const inbox = await loadRunnableInbox(db, secretBox, inboxId);
              return inbox && !('error' in inbox) && inbox.definition.kind === kind ? inbox : null;
            },
            async deliver(inboxId, items) {
              if (items.length === 0) return;
              await receiveInbound(deps, items);
              await health.inbound(inboxId, systemClock.now());
            },
            // No job queue here: pull channels answer 501 and need their callback on a Node instance.
          }
        : undefined;
      const inboxApp: InboxAppDeps | undefined = secretBox
        ? {
            secretBox,
            // Node instances pick the change up on their periodic reload.
            changed: async () => {},
            check: async () => null,
            publicBase: () => (config.PUBLIC_URL ?? new URL(request.url).origin).replace(/\/$/, ''),
          }
        : undefined;
      const app = createApp({
        services: deps,
        auth: createAuth({ db, clock: systemClock, secret: config.APP_SECRET ?? '', ttlHours: config.SESSION_TTL_HOURS }),
        logger: consoleLogger,
        ping: async () => {
          await sql`select 1`;
        },
        receive: async (items) => {
          await receiveInbound(deps, items);
        },
        telegram,
        channelWebhooks,
        inboxes: inboxApp,
        secureCookies: true,
      });
      return await app.fetch(request);
    } finally {
      ctx.waitUntil(sql.end({ timeout: 5 }));
    }
  },
};
