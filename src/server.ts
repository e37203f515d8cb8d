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
import type { Channel } from '../channels/types.js';
import { resolveAppSecret } from './config/app-secret.js';
import type { Env } from './config/env.js';
import { createApp, type HuixinApp } from './http/app.js';
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
import { ensureAdmin, seedRoles } from './services/bootstrap.js';
import { createEventBus } from './services/event-bus.js';
import { systemClock, type Clock, type ServiceDeps } from './services/ports.js';
import { receiveInbound } from './services/receive-inbound.js';
import { startForum } from './start-forum.js';
import { startEmail, type EmailSetup, type EmailTuning } from './start-email.js';
import { startInboxes, type InboxSetup } from './start-inboxes.js';

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
  /** Inboxes as data: the runtime of every enabled inbox (src/start-inboxes.ts). */
  inboxes: InboxSetup;
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
  /** How often inbox changes made on other instances are picked up (ms). */
  inboxReloadMs?: number;
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
  const auth = createAuth({ db: database.db, clock, secret: appSecret, ttlHours: env.SESSION_TTL_HOURS });

  // Channels of the kinds with their own runtimes (mailboxes, the forum); every other inbox
  // runs in the inbox runtime, which answers for both.
  const channelsByInbox = new Map<string, Channel>();
  const inboxes = await startInboxes({ env, database, deps, jobs, appSecret, logger, channelsByInbox, reloadMs: opts.inboxReloadMs });
  // One SMTP transport for Huixin's own mail (forum, ticket alerts); the email channel's
  // mailboxes have their own per-mailbox transports.
  const smtp = smtpSettings(env);
  const mailer = smtp ? createSmtpMailer(smtp) : null;
  const forum = await startForum({ env, database, deps, jobs, appSecret, logger, channelsByInbox, mailer });
  const email = await startEmail({ env, database, deps, appSecret, logger, channelsByInbox, tuning: opts.email });
  // Before the delivery workers, so a reply queued before a restart finds its channel. A
  // webhook registered here may be called before we listen; the platform retries that.
  await inboxes.runtime.start();
  await startDeliveryWorkers(jobs, deps, { forInbox: (id) => inboxes.runtime.forInbox(id) }, env.JOB_POLL_SECONDS);
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
    telegram: inboxes.envTelegram?.legacyWebhook,
    channelWebhooks: inboxes.channelWebhooks,
    inboxes: inboxes.inboxApp(() => publicBase),
    staticUi: existsSync(uiDist) ? spaStatic(uiDist) : undefined,
    forum: { fetch: forum.fetch, services: forum.deps },
    secureCookies: env.NODE_ENV === 'production' && (env.PUBLIC_URL?.startsWith('https://') ?? false),
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
  const gateway = attachGateway(server, { auth, bus, db: database.db, logger, adapterPool });
  const workspaceSocket = attachWorkspaceSocket(gateway.io, { services: deps, workspace, logger });

  if (!env.TELEGRAM_BOT_TOKEN) logger.info('telegram not configured (TELEGRAM_BOT_TOKEN unset)');
  logger.info('huixin listening', { port, database: database.kind });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    database,
    deps,
    gateway,
    telegramInboxId: inboxes.envTelegram?.inboxId ?? null,
    forumInboxId: forum.inboxId,
    email,
    inboxes,
    async stop() {
      forum.stop();
      await email.stop();
      await inboxes.stop();
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
