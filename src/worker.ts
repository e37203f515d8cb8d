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
import { parseTrustedProxies } from './domain/client-address.js';
import { requestNetwork } from './http/request-network.js';
import { createEventBus } from './services/event-bus.js';
import { systemClock, type JobQueue, type ServiceDeps } from './services/ports.js';
import { receiveInbound } from './services/receive-inbound.js';
import { eq, and } from 'drizzle-orm';
import { inboxes } from '../db/schema/index.js';
import { botIdFromToken } from '../channels/telegram/index.js';

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
        secureCookies: true,
        // Cloudflare names the client itself; no proxy of ours stands in between.
        network: requestNetwork(parseTrustedProxies(undefined), (c) => c.req.header('cf-connecting-ip')),
        publicUrl: config.PUBLIC_URL,
      });
      return await app.fetch(request);
    } finally {
      ctx.waitUntil(sql.end({ timeout: 5 }));
    }
  },
};
