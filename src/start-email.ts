/**
 * Sets up the email channel in the Node entry: the mailbox from environment variables (if
 * any), the runtime that registers each mailbox's SMTP channel and watches its IMAP folder
 * under a lock, and what the HTTP app needs for the admin screen. src/server.ts calls this once.
 */
import type { Channel } from '../channels/types.js';
import type { Database } from '../db/client.js';
import { emailMailboxFromEnv, maxAttachmentBytes } from './config/email-env.js';
import type { Env } from './config/env.js';
import type { EmailAppDeps } from './http/types.js';
import { startEmailRuntime, type EmailRuntime, type EmailRuntimeOptions } from './jobs/email-mailboxes.js';
import type { Logger } from './logger.js';
import { ensureEnvMailbox } from './services/email/mailboxes.js';
import type { ServiceDeps } from './services/ports.js';
import { createSecretBox } from './services/secret-box.js';

export interface EmailSetup {
  /** The inbox of the mailbox configured by IMAP_* variables, if any. */
  envInboxId: string | null;
  runtime: EmailRuntime;
  app: EmailAppDeps;
  stop(): Promise<void>;
}

/** Timings tests shorten (how fast a standby instance takes a mailbox over). */
export type EmailTuning = Pick<EmailRuntimeOptions, 'lockRetryMs' | 'reloadMs' | 'idleDelayMs'>;

export async function startEmail(opts: {
  env: Env;
  database: Database;
  deps: ServiceDeps;
  appSecret: string;
  logger: Logger;
  channelsByInbox: Map<string, Channel>;
  tuning?: EmailTuning;
}): Promise<EmailSetup> {
  const { env, database, deps, logger } = opts;
  const secretBox = createSecretBox(opts.appSecret);
  const maxBytes = maxAttachmentBytes(env);
  const fromEnv = emailMailboxFromEnv(env);
  const envInboxId = fromEnv ? await ensureEnvMailbox(database.db, secretBox, fromEnv) : null;
  if (!fromEnv) logger.info('no email mailbox from the environment (IMAP_HOST unset); add mailboxes in the admin screen');

  const runtime = await startEmailRuntime({
    database,
    deps,
    secretBox,
    channels: opts.channelsByInbox,
    maxAttachmentBytes: maxBytes,
    logger,
    ...opts.tuning,
  });
  return {
    envInboxId,
    runtime,
    app: {
      secretBox,
      maxAttachmentBytes: maxBytes,
      mailboxesChanged: () => runtime.reload(),
      mailboxStatus: (id) => runtime.status(id),
    },
    stop: () => runtime.stop(),
  };
}
