/**
 * Runs the email channel of this Node instance: for every enabled mailbox an SMTP channel in
 * the delivery registry, and an IMAP watcher for each mailbox whose lock this instance holds
 * (the others stand by and take over when the holder goes away). Mailbox changes made through
 * the API apply at once here and within `reloadMs` on the other instances.
 *
 * Node-only (imapflow, nodemailer): the Workers entry never imports it.
 */
import { createEmailChannel, type EmailChannel } from '../../channels/email/index.js';
import type { MailboxSettings } from '../../channels/email/config.js';
import { startImapWatcher, type ImapWatcher, type WatcherStatus } from '../../channels/email/imap.js';
import type { Channel } from '../../channels/types.js';
import type { Database } from '../../db/client.js';
import type { Logger } from '../logger.js';
import { knownMessageIds, loadCursor, saveCursor } from '../services/email/mailbox-state.js';
import { loadMailboxSettings } from '../services/email/mailboxes.js';
import { emailReplyContext } from '../services/email/outbound-context.js';
import { receiveEmail } from '../services/email/receive-email.js';
import type { ServiceDeps } from '../services/ports.js';
import type { SecretBox } from '../services/secret-box.js';
import { createSessionLocks, type SessionLocks } from './advisory-lock.js';

export interface MailboxRuntimeStatus {
  /** `standby`: another instance holds this mailbox's lock. */
  watcher: 'standby' | WatcherStatus['state'];
  error: string | null;
  lastSyncAt: string | null;
}

export interface EmailRuntime {
  /** Re-reads the mailboxes and applies changes; resolves once channels are registered. */
  reload(): Promise<void>;
  status(inboxId: string): MailboxRuntimeStatus | null;
  stop(): Promise<void>;
}

export interface EmailRuntimeOptions {
  database: Database;
  deps: ServiceDeps;
  secretBox: SecretBox;
  /** The delivery registry's map; email channels are added and removed here. */
  channels: Map<string, Channel>;
  maxAttachmentBytes: number;
  logger: Logger;
  idleDelayMs?: number;
  /** How often a standby instance tries for a mailbox's lock (default 5 s). */
  lockRetryMs?: number;
  /** How often mailbox settings are re-read for changes made on other instances (default 30 s). */
  reloadMs?: number;
}

interface Entry {
  fingerprint: string;
  channel: EmailChannel;
  watch: MailboxWatch;
}

interface MailboxWatch {
  status(): MailboxRuntimeStatus;
  lost(): void;
  stop(): Promise<void>;
}

const lockKey = (inboxId: string): string => `huixin:imap:${inboxId}`;

/** Holds the mailbox's lock while watching; without it, retries every `retryMs`. */
function watchWhileLocked(settings: MailboxSettings, o: EmailRuntimeOptions, locks: SessionLocks): MailboxWatch {
  const { deps, logger } = o;
  const key = lockKey(settings.inboxId);
  const retryMs = o.lockRetryMs ?? 5000;
  let watcher: ImapWatcher | null = null;
  let stopped = false;
  let wake: (() => void) | null = null;
  let last: WatcherStatus | null = null;
  const inbox = { inboxId: settings.inboxId, address: settings.from.address, maxAttachmentBytes: settings.maxAttachmentBytes, acknowledge: settings.acknowledge };

  const receive = async (source: Buffer, info: { uid: number; internalDate?: Date }): Promise<void> => {
    try {
      const outcome = await receiveEmail(deps, inbox, source, info);
      logger.debug('email received', { inboxId: settings.inboxId, uid: info.uid, outcome: outcome.kind });
    } catch (err) {
      // With the database down, "not taken" keeps the cursor here for the next attempt. Any
      // other failure is this one mail's: log it and move on rather than block the mailbox.
      const reachable = await o.database.ping().then(() => true, () => false);
      if (!reachable) throw err;
      logger.error('email could not be ingested; skipped', { inboxId: settings.inboxId, uid: info.uid, err });
    }
  };

  const startWatcher = (): ImapWatcher =>
    startImapWatcher({
      imap: { ...settings.imap, password: settings.secrets.imapPassword },
      idleDelayMs: o.idleDelayMs,
      logger,
      onStatus: (s) => (last = s),
      port: {
        loadCursor: () => loadCursor(deps, settings.inboxId),
        saveCursor: (c) => saveCursor(deps, settings.inboxId, c),
        knownMessageIds: (ids) => knownMessageIds(deps, settings.inboxId, ids),
        receive,
      },
    });

  const loop = (async () => {
    while (!stopped) {
      if (!watcher) {
        const got = await locks.tryAcquire(key).catch((err: unknown) => {
          logger.warn('mailbox lock unavailable', { inboxId: settings.inboxId, err });
          return false;
        });
        if (got && !stopped) {
          logger.info('mailbox lock taken, watching', { inboxId: settings.inboxId });
          watcher = startWatcher();
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    status() {
      if (!watcher) return { watcher: stopped ? 'stopped' : 'standby', error: null, lastSyncAt: null };
      const s = last ?? watcher.status();
      return { watcher: s.state, error: s.error, lastSyncAt: s.lastSyncAt?.toISOString() ?? null };
    },
    lost() {
      // Another instance may hold it now: stop at once, try again on the next round.
      const w = watcher;
      watcher = null;
      last = null;
      void w?.stop();
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      const w = watcher;
      watcher = null;
      await w?.stop();
      await locks.release(key);
    },
  };
}

export async function startEmailRuntime(o: EmailRuntimeOptions): Promise<EmailRuntime> {
  const { deps, logger } = o;
  const locks = createSessionLocks(o.database, logger);
  const entries = new Map<string, Entry>();
  const unsubscribe = locks.onLost((keys) => {
    for (const [inboxId, entry] of entries) if (keys.includes(lockKey(inboxId))) entry.watch.lost();
  });
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  async function apply(): Promise<void> {
    if (stopped) return;
    const wanted = await loadMailboxSettings(deps.db, o.secretBox, o.maxAttachmentBytes, logger);
    const byId = new Map(wanted.map((s) => [s.inboxId, s]));
    for (const [inboxId, entry] of [...entries]) {
      const next = byId.get(inboxId);
      if (next && JSON.stringify(next) === entry.fingerprint) continue;
      entries.delete(inboxId);
      o.channels.delete(inboxId);
      entry.channel.close();
      await entry.watch.stop();
    }
    for (const settings of wanted) {
      if (entries.has(settings.inboxId)) continue;
      const channel = createEmailChannel({
        inboxId: settings.inboxId,
        config: settings,
        smtpPassword: settings.secrets.smtpPassword,
        outbound: { replyContext: (input) => emailReplyContext(deps, input) },
      });
      o.channels.set(settings.inboxId, channel);
      entries.set(settings.inboxId, { fingerprint: JSON.stringify(settings), channel, watch: watchWhileLocked(settings, o, locks) });
    }
  }

  const reload = (): Promise<void> => {
    chain = chain.then(apply).catch((err: unknown) => logger.error('mailbox settings could not be applied', { err }));
    return chain;
  };

  await reload();
  const timer = setInterval(() => void reload(), o.reloadMs ?? 30_000);
  timer.unref?.();

  return {
    reload,
    status: (inboxId) => entries.get(inboxId)?.watch.status() ?? null,
    async stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      await chain;
      for (const [inboxId, entry] of entries) {
        o.channels.delete(inboxId);
        entry.channel.close();
        await entry.watch.stop();
      }
      entries.clear();
      await locks.close();
    },
  };
}
