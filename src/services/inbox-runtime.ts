/**
 * The live side of every enabled inbox of a creatable kind: one ChannelInstance each, built
 * from the inbox's row through its definition (channels/registry.ts), with its intake
 * started (a poller where the instance has one; its webhook registered where it can and
 * PUBLIC_URL is known). Delivery resolves channels here (`forInbox`), the webhook route and
 * the pull worker find instances here.
 *
 * Changes: the API calls `refresh(id)` after a POST/PATCH/DELETE, so this instance rebuilds
 * at once; other Node instances notice on their periodic `reloadAll` (one cheap query every
 * `reloadMs`, comparing each row's version), and the webhook route refreshes an inbox it
 * does not know yet on first use.
 *
 * Kinds that are not creatable (mailboxes, the forum) run their own runtimes and register
 * their channels in `fallback`; `forInbox` answers for them from there.
 */
import type { AnyChannelDefinition, ChannelInstance } from '../../channels/definition.js';
import { ChannelError, type Channel, type Inbound } from '../../channels/types.js';
import type { Db } from '../../db/client.js';
import type { Logger } from '../logger.js';
import type { ChannelStates } from './channel-state.js';
import type { InboxHealth } from './inboxes/inbox-health.js';
import { loadRunnableInbox, loadRunnableInboxes, type RunnableInbox } from './inboxes/inbox-store.js';
import type { Clock } from './ports.js';
import type { SecretBox } from './secret-box.js';

export interface RunningInbox {
  inboxId: string;
  definition: AnyChannelDefinition;
  config: unknown;
  instance: ChannelInstance;
}

export interface InboxRuntimeDeps {
  db: Db;
  secretBox: SecretBox;
  states: ChannelStates;
  health: InboxHealth;
  clock: Clock;
  logger: Logger;
  /** PUBLIC_URL without a trailing slash, when set: webhooks are registered there. */
  publicUrl?: string;
  /** Stores items (receiveInbound); resolves after the commit. */
  receive(items: Inbound[]): Promise<void>;
  /** Channels of kinds with their own runtimes (email mailboxes, the forum). */
  fallback: Map<string, Channel>;
  /** How often other instances' changes are picked up (default 30 s; 0 = never). */
  reloadMs?: number;
}

export interface InboxRuntime {
  start(): Promise<void>;
  /** The running inbox, or null when it is unknown, disabled or not creatable. */
  get(inboxId: string): RunningInbox | null;
  /** Rebuilds one inbox from its row now (after the API changed it). */
  refresh(inboxId: string): Promise<RunningInbox | null>;
  reloadAll(): Promise<void>;
  /** Stores items of an inbox and answers button presses, recording the inbox's health. */
  deliverInbound(inboxId: string, items: Inbound[]): Promise<void>;
  /**
   * Pulls an inbox's pending items (a pull channel's callback said there are some), from the
   * stored cursor, page by page until the platform has no more; each page's items are stored
   * before its cursor, so a crash repeats a page (deduplicated) instead of skipping one.
   * `busy`: another instance (or job) is pulling this inbox right now.
   */
  pull(inboxId: string, hint: Record<string, string>): Promise<'done' | 'busy' | 'unavailable'>;
  /** The delivery worker's view (ChannelRegistry in deliver-message.ts). */
  forInbox(inboxId: string): Channel | null;
  stop(): Promise<void>;
}

/** Where a pull channel continues (channel_state key); survives restarts. */
export const PULL_CURSOR = 'pull-cursor';
/** A runaway platform (has_more forever) cannot keep one job busy for ever; the next callback continues. */
const MAX_PAGES_PER_PULL = 200;

interface Entry extends RunningInbox {
  version: string;
  stopIntake?: () => Promise<void>;
  channel: Channel;
}

export function createInboxRuntime(deps: InboxRuntimeDeps): InboxRuntime {
  const entries = new Map<string, Entry>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;
  // One rebuild of an inbox at a time; a second refresh waits for the first.
  const pending = new Map<string, Promise<RunningInbox | null>>();

  async function deliverInbound(inboxId: string, items: Inbound[]): Promise<void> {
    if (items.length === 0) return;
    await deps.receive(items);
    await deps.health.inbound(inboxId, deps.clock.now());
    const instance = entries.get(inboxId)?.instance;
    for (const item of items) {
      if (item.kind === 'callback' && instance?.answerCallback) {
        await instance.answerCallback(item.callbackId).catch((err: unknown) => deps.logger.warn('answering a button press failed', { inboxId, err }));
      }
    }
  }

  /** Delivery outcomes become the inbox's health without touching the delivery worker. */
  function withHealth(inboxId: string, instance: ChannelInstance): Channel {
    return {
      ...instance,
      send: async (target, message, progress) => {
        try {
          const result = await instance.send(target, message, progress);
          await deps.health.delivered(inboxId, deps.clock.now());
          return result;
        } catch (err) {
          if (!(err instanceof ChannelError && err.code === 'RATE_LIMITED')) {
            await deps.health.failed(inboxId, err instanceof Error ? err.message : String(err), deps.clock.now());
          }
          throw err;
        }
      },
    };
  }

  async function stopEntry(entry: Entry): Promise<void> {
    entries.delete(entry.inboxId);
    await entry.stopIntake?.().catch((err: unknown) => deps.logger.warn('stopping an inbox intake failed', { inboxId: entry.inboxId, err }));
    entry.instance.close?.();
  }

  async function build(inbox: RunnableInbox): Promise<Entry> {
    const context = { inboxId: inbox.id, state: deps.states.forInbox(inbox.id), logger: deps.logger, publicUrl: deps.publicUrl };
    const instance = inbox.definition.create(inbox.config, context);
    const entry: Entry = { inboxId: inbox.id, definition: inbox.definition, config: inbox.config, instance, version: inbox.version, channel: withHealth(inbox.id, instance) };
    entries.set(inbox.id, entry);
    void instance.announce?.().catch((err: unknown) => deps.logger.warn('announcing the inbox to its platform failed', { inboxId: inbox.id, err }));
    if (instance.startIntake) {
      const handle = instance.startIntake((items) => deliverInbound(inbox.id, items));
      entry.stopIntake = () => handle.stop();
    } else if (instance.registerWebhook && deps.publicUrl && inbox.definition.verifyWebhook) {
      const url = `${deps.publicUrl}/webhooks/${inbox.definition.kind}/${inbox.id}`;
      await instance
        .registerWebhook(url)
        .then(() => deps.logger.info('webhook registered', { inboxId: inbox.id, url }))
        .catch(async (err: unknown) => {
          deps.logger.error('webhook registration failed', { inboxId: inbox.id, err });
          await deps.health.failed(inbox.id, `webhook registration failed: ${err instanceof Error ? err.message : String(err)}`, deps.clock.now());
        });
    }
    return entry;
  }

  async function apply(inboxId: string, inbox: RunnableInbox | { error: string } | null): Promise<RunningInbox | null> {
    const current = entries.get(inboxId);
    if (inbox && !('error' in inbox) && current?.version === inbox.version) return current;
    if (current) await stopEntry(current);
    if (!inbox || stopped) return null;
    if ('error' in inbox) {
      deps.logger.error('inbox not started', { inboxId, error: inbox.error });
      await deps.health.failed(inboxId, inbox.error, deps.clock.now());
      return null;
    }
    try {
      return await build(inbox);
    } catch (err) {
      deps.logger.error('inbox could not be built', { inboxId, err });
      await deps.health.failed(inboxId, err instanceof Error ? err.message : String(err), deps.clock.now());
      return null;
    }
  }

  /** Applies changes one at a time per inbox; `loaded` is the row when the caller already read it. */
  function refresh(inboxId: string, loaded?: RunnableInbox | { error: string }): Promise<RunningInbox | null> {
    const run = (pending.get(inboxId) ?? Promise.resolve(null))
      .catch(() => null)
      .then(async () => apply(inboxId, loaded ?? (await loadRunnableInbox(deps.db, deps.secretBox, inboxId))));
    pending.set(inboxId, run);
    void run.finally(() => {
      if (pending.get(inboxId) === run) pending.delete(inboxId);
    });
    return run;
  }

  async function reloadAll(): Promise<void> {
    const { inboxes, errors } = await loadRunnableInboxes(deps.db, deps.secretBox);
    const wanted = new Set([...inboxes.map((i) => i.id), ...errors.map((e) => e.id)]);
    for (const id of [...entries.keys()]) if (!wanted.has(id)) await refresh(id);
    // The rows just read are applied as they are, not read again one by one.
    for (const inbox of inboxes) if (entries.get(inbox.id)?.version !== inbox.version) await refresh(inbox.id, inbox);
    for (const e of errors) if (entries.has(e.id)) await refresh(e.id, e);
  }

  return {
    async start() {
      const { inboxes, errors } = await loadRunnableInboxes(deps.db, deps.secretBox);
      for (const inbox of inboxes) await apply(inbox.id, inbox);
      for (const e of errors) await apply(e.id, e);
      const every = deps.reloadMs ?? 30_000;
      if (every > 0) {
        timer = setInterval(() => {
          reloadAll().catch((err: unknown) => deps.logger.warn('inbox reload failed', { err }));
        }, every);
        timer.unref?.();
      }
    },
    get: (inboxId) => entries.get(inboxId) ?? null,
    refresh: (inboxId) => refresh(inboxId),
    reloadAll,
    deliverInbound,
    async pull(inboxId, hint) {
      const entry = entries.get(inboxId) ?? (await refresh(inboxId));
      const pullPage = entry?.instance.pull?.bind(entry.instance);
      if (!pullPage) return 'unavailable';
      const state = deps.states.forInbox(inboxId);
      const outcome = await state.withLock('pull', async () => {
        let cursor = await state.get<string>(PULL_CURSOR);
        for (let page = 0; page < MAX_PAGES_PER_PULL; page++) {
          const result = await pullPage(cursor, hint);
          await deliverInbound(inboxId, result.items);
          if (result.cursor !== null && result.cursor !== cursor) {
            cursor = result.cursor;
            await state.set(PULL_CURSOR, cursor);
          }
          if (!result.hasMore) break;
        }
        return 'done' as const;
      });
      return outcome ?? 'busy';
    },
    forInbox: (inboxId) => entries.get(inboxId)?.channel ?? deps.fallback.get(inboxId) ?? null,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await Promise.allSettled([...pending.values()]);
      for (const entry of [...entries.values()]) await stopEntry(entry);
    },
  };
}
