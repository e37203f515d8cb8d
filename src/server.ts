/**
 * Wires the full Node system: database, migrations, seed data, job workers, HTTP app,
 * socket.io gateway and channel intake. node.ts runs it; integration tests start it too.
 */
import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import pg from 'pg';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { createDatabase, type Database } from '../db/client.js';
import { botIdFromToken, createTelegramChannel, type TelegramChannel } from '../channels/telegram/index.js';
import { normalizeTelegramUpdate } from '../channels/telegram/normalize.js';
import { ALLOWED_UPDATES, startTelegramPolling, type PollingHandle } from '../channels/telegram/poll.js';
import type { Channel } from '../channels/types.js';
import { cleanStrings } from '../channels/clean-strings.js';
import { resolveAppSecret } from './config/app-secret.js';
import { telegramSettings, type Env } from './config/env.js';
import { createApp, type HuixinApp } from './http/app.js';
import { nodeRequestNetwork } from './http/node-network.js';
import { startDeliveryWorkers } from './jobs/delivery-worker.js';
import { startJobQueue } from './jobs/queue.js';
import { startWorkspaceJobs } from './jobs/workspace-worker.js';
import { attachWorkspaceSocket } from './realtime/workspace-socket.js';
import { seedStandardPhrases } from './services/workspace/canned-replies.js';
import { startTicketJobs } from './jobs/ticket-jobs.js';
import { createSmtpMailer, smtpSettings } from './jobs/smtp-mailer.js';
import { seedTickets } from './services/tickets/index.js';
import { ticketPort } from './services/tickets/workspace-port.js';
import { createLogger, type Logger } from './logger.js';
import { attachGateway, type Gateway } from './realtime/gateway.js';
import { createAuth } from './services/auth.js';
import { ensureAdmin, ensureInbox, seedRoles } from './services/bootstrap.js';
import { createEventBus } from './services/event-bus.js';
import { systemClock, type Clock, type ServiceDeps } from './services/ports.js';
import { receiveInbound } from './services/receive-inbound.js';
import { startForum } from './start-forum.js';
import { startEmail, type EmailSetup, type EmailTuning } from './start-email.js';

export interface RunningServer {
  port: number;
  url: string;
  database: Database;
  deps: ServiceDeps;
  gateway: Gateway;
  telegramInboxId: string | null;
  /** The owners' forum's inbox (always present: the forum is served at /forum). */
  forumInboxId: string;
  /** The email channel: the env mailbox's inbox and the watchers' runtime. */
  email: EmailSetup;
  stop(): Promise<void>;
}

export interface ServerOptions {
  clock?: Clock;
  logger?: Logger;
  /** Where the one-time admin password goes (stdout by default). */
  print?: (line: string) => void;
  /** Extra routes on the same app (the benchmark's baseline route). */
  extendApp?: (app: HuixinApp) => void;
  /** Email watcher timings (tests shorten the lock takeover). */
  email?: EmailTuning;
}

const uiDist = fileURLToPath(new URL('../inbox-ui/dist', import.meta.url));

export async function startServer(env: Env, opts: ServerOptions = {}): Promise<RunningServer> {
  const logger = opts.logger ?? createLogger(env.LOG_LEVEL);
  const clock = opts.clock ?? systemClock;
  const database = await createDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  await database.migrate();
  const appSecret = resolveAppSecret(env.APP_SECRET, env.DATA_DIR);
  await seedRoles(database.db);
  await ensureAdmin(database.db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, name: env.ADMIN_NAME }, logger, opts.print ?? ((l) => process.stdout.write(l + '\n')));

  const jobs = await startJobQueue(database, logger);
  const bus = createEventBus();
  // Survey links need a base before the first request: PUBLIC_URL, else our own address once listening.
  let publicBase = env.PUBLIC_URL?.replace(/\/$/, '') ?? '';
  const deps: ServiceDeps = { db: database.db, clock, bus, jobs, logger, publicLinks: { secret: appSecret, publicUrl: () => publicBase } };
  const auth = createAuth({ db: database.db, clock, secret: appSecret, ttlHours: env.SESSION_TTL_HOURS, bus });
  const network = nodeRequestNetwork(env.TRUSTED_PROXIES);

  const tg = telegramSettings(env);
  let telegram: { channel: TelegramChannel; inboxId: string } | null = null;
  if (tg) {
    const channel = createTelegramChannel({ token: tg.token, apiRoot: tg.apiRoot });
    const inboxId = await ensureInbox(database.db, 'telegram', botIdFromToken(tg.token), 'Telegram', { mode: tg.mode });
    telegram = { channel, inboxId };
  }
  const channelsByInbox = new Map<string, Channel>();
  if (telegram) channelsByInbox.set(telegram.inboxId, telegram.channel);
  // One SMTP transport for Huixin's own mail (forum, ticket alerts); the email channel's
  // mailboxes have their own per-mailbox transports.
  const smtp = smtpSettings(env);
  const mailer = smtp ? createSmtpMailer(smtp) : null;
  const forum = await startForum({ env, database, deps, jobs, appSecret, logger, channelsByInbox, mailer, network });
  const email = await startEmail({ env, database, deps, appSecret, logger, channelsByInbox, tuning: opts.email });
  await startDeliveryWorkers(jobs, deps, { forInbox: (id) => channelsByInbox.get(id) ?? null }, env.JOB_POLL_SECONDS);
  await seedStandardPhrases(database.db);
  await seedTickets(database.db);
  const ticketJobs = await startTicketJobs(jobs, deps, { mailer, pollSeconds: env.JOB_POLL_SECONDS, sweepCron: env.TICKET_SWEEP_CRON });
  const workspaceBase = { autoAssign: env.AUTO_ASSIGN, offlineGraceSeconds: env.OFFLINE_GRACE_SECONDS, defaultCapacity: env.AGENT_CAPACITY, tickets: ticketPort };
  const workspaceJobs = await startWorkspaceJobs(jobs, deps, workspaceBase, env.JOB_POLL_SECONDS);
  const workspace = { ...workspaceBase, scheduler: workspaceJobs };

  const app = createApp({
    services: deps,
    auth,
    logger,
    ping: () => database.ping(),
    receive: async (items) => {
      await receiveInbound(deps, items);
    },
    telegram:
      telegram && tg?.mode === 'webhook' && tg.webhookSecret
        ? {
            inboxId: telegram.inboxId,
            secret: tg.webhookSecret,
            onCallback: async (id) => telegram?.channel.answerCallback?.(id).catch((err: unknown) => logger.warn('answerCallbackQuery failed', { err })),
          }
        : undefined,
    staticUi: existsSync(uiDist) ? spaStatic(uiDist) : undefined,
    forum: { fetch: forum.fetch, services: forum.deps },
    secureCookies: env.NODE_ENV === 'production' && (env.PUBLIC_URL?.startsWith('https://') ?? false),
    network,
    publicUrl: env.PUBLIC_URL,
    workspace,
    email: email.app,
  });

  opts.extendApp?.(app);
  const server = await new Promise<HttpServer>((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolve(s as HttpServer));
  });
  const port = (server.address() as AddressInfo).port;
  forum.setBaseUrl(`http://127.0.0.1:${port}`);
  if (!publicBase) publicBase = `http://127.0.0.1:${port}`;
  // With REALTIME_ADAPTER=postgres, socket.io broadcasts cross instances through a small pg pool of its own.
  const adapterPool = database.url && env.REALTIME_ADAPTER === 'postgres' ? new pg.Pool({ connectionString: database.url, max: 4 }) : undefined;
  if (env.REALTIME_ADAPTER === 'postgres' && !database.url) logger.warn('REALTIME_ADAPTER=postgres needs DATABASE_URL; events stay in this process');
  adapterPool?.on('error', (err) => logger.warn('socket.io adapter pool error', { err }));
  // The adapter keeps one client checked out for LISTEN and attaches no error listener to it;
  // without ours a dropped database connection would crash the process instead of letting
  // the adapter reconnect (it does so on the client's 'end').
  adapterPool?.on('connect', (client) => client.on('error', (err) => logger.warn('socket.io adapter connection lost', { err })));
  const gateway = attachGateway(server, { auth, bus, db: database.db, logger, adapterPool, publicUrl: env.PUBLIC_URL });
  const workspaceSocket = attachWorkspaceSocket(gateway.io, { services: deps, workspace, logger });

  let polling: PollingHandle | null = null;
  if (telegram && tg) {
    if (tg.mode === 'polling') {
      const t = telegram;
      polling = startTelegramPolling(
        t.channel.api,
        async (updates) => {
          for (const u of updates) {
            const items = normalizeTelegramUpdate(cleanStrings(u), t.inboxId, { receivedAt: clock.now() });
            await receiveInbound(deps, items);
            for (const item of items) if (item.kind === 'callback') await t.channel.answerCallback?.(item.callbackId).catch(() => {});
          }
        },
        logger,
      );
    } else if (env.PUBLIC_URL && tg.webhookSecret) {
      const url = `${env.PUBLIC_URL.replace(/\/$/, '')}/webhooks/telegram`;
      await telegram.channel.api
        .setWebhook(url, { secret_token: tg.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] })
        .then(() => logger.info('telegram webhook registered', { url }))
        .catch((err: unknown) => logger.error('telegram setWebhook failed', { err }));
    }
  }
  if (!env.TELEGRAM_BOT_TOKEN) logger.info('telegram not configured (TELEGRAM_BOT_TOKEN unset)');
  logger.info('huixin listening', { port, database: database.kind });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    database,
    deps,
    gateway,
    telegramInboxId: telegram?.inboxId ?? null,
    forumInboxId: forum.inboxId,
    email,
    async stop() {
      forum.stop();
      await email.stop();
      await polling?.stop();
      await gateway.close();
      if (adapterPool) {
        // The adapter may re-acquire its LISTEN client while closing and never release it;
        // ending the pool would then wait forever, so it gets a moment, not a veto.
        await Promise.race([adapterPool.end(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await workspaceSocket.drain();
      workspaceJobs.stop();
      ticketJobs.stop();
      mailer?.close();
      await jobs.stop();
      await database.close();
    },
  };
}

/** Serves the built single-page app, falling back to index.html for client-side routes. */
function spaStatic(root: string): MiddlewareHandler {
  const files = serveStatic({ root });
  const index = serveStatic({ root, path: 'index.html' });
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const served = await files(c, async () => {
      await index(c, next);
    });
    return served ?? undefined;
  };
}
