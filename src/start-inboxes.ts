/**
 * Sets up inboxes as data in the Node entry: the environment's Telegram bot seeded as an
 * inbox, the runtime that runs every enabled inbox of a creatable kind, the pull worker, and
 * what the HTTP app needs (the webhook route, the inbox API). src/server.ts calls this once.
 */
import type { Channel } from '../channels/types.js';
import { channelDefinition } from '../channels/registry.js';
import type { Database } from '../db/client.js';
import { telegramSettings, type Env } from './config/env.js';
import type { ChannelWebhookDeps, InboxAppDeps, TelegramWebhookDeps } from './http/types.js';
import { startChannelPullWorker } from './jobs/channel-pull-worker.js';
import type { Jobs } from './jobs/queue.js';
import type { Logger } from './logger.js';
import { createChannelStates } from './services/channel-state.js';
import { createInboxRuntime, type InboxRuntime } from './services/inbox-runtime.js';
import { ensureEnvInbox } from './services/inboxes/env-inboxes.js';
import { createInboxHealth } from './services/inboxes/inbox-health.js';
import type { ServiceDeps } from './services/ports.js';
import { receiveInbound } from './services/receive-inbound.js';
import { createSecretBox } from './services/secret-box.js';

export interface InboxSetup {
  runtime: InboxRuntime;
  /** The environment's bot (TELEGRAM_BOT_TOKEN), still served at /webhooks/telegram. */
  envTelegram: { inboxId: string; legacyWebhook?: TelegramWebhookDeps } | null;
  channelWebhooks: ChannelWebhookDeps;
  inboxApp(publicBase: () => string): InboxAppDeps;
  stop(): Promise<void>;
}

export async function startInboxes(opts: {
  env: Env;
  database: Database;
  deps: ServiceDeps;
  jobs: Jobs;
  appSecret: string;
  logger: Logger;
  /** Channels of the kinds with their own runtimes (mailboxes, the forum). */
  channelsByInbox: Map<string, Channel>;
  /** How often other instances' inbox changes are picked up. */
  reloadMs?: number;
}): Promise<InboxSetup> {
  const { env, database, deps, logger } = opts;
  const secretBox = createSecretBox(opts.appSecret);

  const tg = telegramSettings(env);
  let envTelegram: InboxSetup['envTelegram'] = null;
  const telegram = channelDefinition('telegram');
  if (tg && telegram) {
    const inboxId = await ensureEnvInbox(database.db, secretBox, telegram, 'Telegram', {
      botToken: tg.token,
      webhookSecret: tg.webhookSecret,
      mode: tg.mode,
      apiRoot: tg.apiRoot,
    }).catch((err: unknown) => {
      logger.error('the Telegram bot from the environment is not usable', { err });
      return null;
    });
    if (inboxId) envTelegram = { inboxId };
  }

  const runtime = createInboxRuntime({
    db: database.db,
    secretBox,
    states: createChannelStates({ db: database.db, clock: deps.clock, locking: database.kind === 'postgres' ? 'advisory' : 'memory' }),
    health: createInboxHealth(database.db, logger),
    clock: deps.clock,
    logger,
    publicUrl: env.PUBLIC_URL?.replace(/\/$/, ''),
    receive: async (items) => {
      await receiveInbound(deps, items);
    },
    fallback: opts.channelsByInbox,
    reloadMs: opts.reloadMs,
  });
  const pulls = await startChannelPullWorker(opts.jobs, runtime, logger, env.JOB_POLL_SECONDS);

  if (envTelegram && tg?.mode === 'webhook' && tg.webhookSecret) {
    const inboxId = envTelegram.inboxId;
    envTelegram.legacyWebhook = {
      inboxId,
      secret: tg.webhookSecret,
      onCallback: async (id) =>
        runtime
          .get(inboxId)
          ?.instance.answerCallback?.(id)
          .catch((err: unknown) => logger.warn('answerCallbackQuery failed', { err })),
    };
  }

  return {
    runtime,
    envTelegram,
    channelWebhooks: {
      async resolve(kind, inboxId) {
        const running = runtime.get(inboxId) ?? (await runtime.refresh(inboxId));
        return running && running.definition.kind === kind ? running : null;
      },
      deliver: (inboxId, items) => runtime.deliverInbound(inboxId, items),
      enqueuePull: (inboxId, hint) => pulls.enqueuePull(inboxId, hint),
    },
    inboxApp: (publicBase) => ({
      secretBox,
      publicBase,
      changed: async (inboxId) => {
        await runtime.refresh(inboxId);
      },
      check: async (inboxId) => {
        const running = runtime.get(inboxId);
        if (!running) return null;
        return running.instance.check ? running.instance.check() : { ok: true, detail: 'nothing to check for this kind' };
      },
    }),
    stop: () => runtime.stop(),
  };
}
