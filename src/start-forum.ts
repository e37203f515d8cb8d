/**
 * Sets up the owners' forum in the Node entry: its inbox and seeded boards, outgoing mail
 * (durable job + SMTP), the channel that delivers agents' answers, the triage sweep, and the
 * web app served at /forum. src/server.ts calls this once.
 */
import { createForumChannel } from '../channels/forum/index.js';
import { createForumApp } from '../channels/forum/web/app.js';
import type { Channel } from '../channels/types.js';
import type { Database } from '../db/client.js';
import type { Env } from './config/env.js';
import { createForumPort } from './http/forum-port.js';
import type { RequestNetwork } from './http/request-network.js';
import { startForumTriageSweep } from './jobs/forum-triage-sweep.js';
import { createMailQueue, startMailWorker } from './jobs/mail-worker.js';
import type { Jobs } from './jobs/queue.js';
import type { Logger } from './logger.js';
import { ensureInbox } from './services/bootstrap.js';
import { seedBoards } from './services/forum/boards.js';
import type { ForumDeps } from './services/forum/deps.js';
import type { Mailer, MailQueue } from './services/mailer.js';
import type { ServiceDeps } from './services/ports.js';

export interface ForumSetup {
  inboxId: string;
  deps: ForumDeps;
  mail: MailQueue;
  /** The forum web app (basePath /forum), for createApp to mount. */
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
  /** Called once the server listens, when PUBLIC_URL is unset, so mail links point somewhere. */
  setBaseUrl(url: string): void;
  stop(): void;
}

export async function startForum(opts: {
  env: Env;
  database: Database;
  deps: ServiceDeps;
  jobs: Jobs;
  appSecret: string;
  logger: Logger;
  channelsByInbox: Map<string, Channel>;
  /** The server's one SMTP transport (null without SMTP_HOST); the server closes it. */
  mailer: Mailer | null;
  /** Client addresses behind TRUSTED_PROXIES, for the forum's limits. */
  network: RequestNetwork;
}): Promise<ForumSetup> {
  const { env, database, jobs, logger } = opts;
  const inboxId = await ensureInbox(database.db, 'forum', 'forum', '业主论坛 / Owners’ forum');
  await seedBoards(database.db);

  const mail = await createMailQueue(jobs);
  const { mailer } = opts;
  if (!mailer) logger.info('SMTP not configured (SMTP_HOST unset): forum mail is logged, not sent');
  await startMailWorker(jobs, mailer, logger, env.JOB_POLL_SECONDS);

  let baseUrl = env.PUBLIC_URL?.replace(/\/$/, '') ?? '';
  const deps: ForumDeps = { ...opts.deps, mail, secret: opts.appSecret, inboxId, publicUrl: () => baseUrl, freeLoginFailures: env.FORUM_LOGINS_PER_15_MIN };
  const port = createForumPort(deps);
  opts.channelsByInbox.set(inboxId, createForumChannel(port));
  await startForumTriageSweep(jobs, deps);

  const web = createForumApp({
    port,
    secret: opts.appSecret,
    secureCookies: env.NODE_ENV === 'production' && (env.PUBLIC_URL?.startsWith('https://') ?? false),
    clientIp: (c) => opts.network.clientAddress(c),
    publicUrl: env.PUBLIC_URL,
    limits: { signupsPerHour: env.FORUM_SIGNUPS_PER_HOUR, loginsPer15Min: env.FORUM_LOGINS_PER_15_MIN, postsPer10Min: env.FORUM_POSTS_PER_10_MIN },
    upload: { maxBytes: env.FORUM_UPLOAD_MAX_BYTES, maxFiles: 4 },
    timeZone: 'Asia/Shanghai',
    onError: (err, path) => logger.error('forum request failed', { path, err }),
  });

  return {
    inboxId,
    deps,
    mail,
    fetch: (request, env2) => web.fetch(request, env2),
    setBaseUrl(url) {
      if (!env.PUBLIC_URL) baseUrl = url.replace(/\/$/, '');
    },
    stop() {
      // Nothing of its own to release: the mailer belongs to the server.
    },
  };
}
