/**
 * Watches one mailbox folder over IMAP and hands every new message's raw source to a port.
 *
 * - IDLE: imapflow starts IDLE after `idleDelayMs` of quiet (its default of 15 s would leave
 *   new mail unseen for that long after each command), and its `exists` event starts a fetch.
 *   A slow safety poll covers servers that forget to notify.
 * - Exactly what arrived meanwhile: the port stores the last UID handed over together with the
 *   folder's UIDVALIDITY; after a restart or reconnect we fetch UIDs above it. The cursor moves
 *   only after the port accepted a message, so a failure means "again later", never "lost".
 * - UIDVALIDITY changed (folder rebuilt, server migrated): the old UIDs mean nothing, so we look
 *   at everything that arrived since shortly before our last sync and hand over only messages
 *   whose Message-ID the port does not know (intake dedupes again by Message-ID).
 * - Read-only: the folder is opened with EXAMINE, so we never set flags or delete mail.
 * - Any drop reconnects with exponential backoff and jitter.
 *
 * Channels never touch the database: cursor, known ids and intake all go through the port.
 */
import { ImapFlow, type MailboxObject } from 'imapflow';

export interface MailboxCursor {
  folder: string;
  uidValidity: string;
  lastUid: number;
  syncedAt: Date;
}

export interface ImapWatcherPort {
  loadCursor(): Promise<MailboxCursor | null>;
  saveCursor(cursor: { folder: string; uidValidity: string; lastUid: number }): Promise<void>;
  /** Which of these Message-IDs are already stored for this mailbox. */
  knownMessageIds(ids: string[]): Promise<Set<string>>;
  /** Takes one message; throwing means "not taken, try again later". */
  receive(source: Buffer, info: { uid: number; internalDate?: Date }): Promise<void>;
}

export interface WatcherLogger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface ImapConnectionSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
}

export interface ImapWatcherOptions {
  imap: ImapConnectionSettings;
  port: ImapWatcherPort;
  logger: WatcherLogger;
  /** Quiet time before IDLE starts again after a command (default 500 ms). */
  idleDelayMs?: number;
  /** Safety poll for servers whose IDLE misses a message (default 60 s). */
  pollMs?: number;
  /** First and longest wait before reconnecting (defaults 1 s and 60 s). */
  backoffMs?: { initial: number; max: number };
  /** How far before the last sync a UIDVALIDITY resync looks (default 2 days). */
  resyncWindowMs?: number;
  /** Called with each state change (for an admin's status view). */
  onStatus?: (status: WatcherStatus) => void;
}

export interface WatcherStatus {
  state: 'connecting' | 'watching' | 'reconnecting' | 'stopped';
  error: string | null;
  lastSyncAt: Date | null;
}

export interface ImapWatcher {
  status(): WatcherStatus;
  /** Runs a sync now (also what `exists` triggers); resolves when it is done. */
  syncNow(): Promise<void>;
  stop(): Promise<void>;
}

/** UIDVALIDITY as a decimal string (imapflow gives a bigint). */
function validityOf(mailbox: MailboxObject): string {
  return String(mailbox.uidValidity);
}

function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** imapflow says "Command failed"; the server's own words are in `responseText`. */
export function describeImapError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { responseText?: unknown; authenticationFailed?: unknown; code?: unknown };
  const detail = typeof e.responseText === 'string' && e.responseText !== '' ? e.responseText : e.message;
  if (e.authenticationFailed === true) return `authentication failed: ${detail}`;
  return typeof e.code === 'string' && !detail.includes(e.code) ? `${detail} (${e.code})` : detail;
}

export function startImapWatcher(options: ImapWatcherOptions): ImapWatcher {
  const { imap, port, logger } = options;
  const idleDelayMs = options.idleDelayMs ?? 500;
  const pollMs = options.pollMs ?? 60_000;
  const backoff = options.backoffMs ?? { initial: 1000, max: 60_000 };
  const resyncWindowMs = options.resyncWindowMs ?? 2 * 24 * 3600_000;
  const log = { host: imap.host, user: imap.user, folder: imap.folder };

  let status: WatcherStatus = { state: 'connecting', error: null, lastSyncAt: null };
  let stopped = false;
  let client: ImapFlow | null = null;
  let wakeUp: (() => void) | null = null;
  let syncing: Promise<void> | null = null;
  let syncAgain = false;

  const setStatus = (patch: Partial<WatcherStatus>): void => {
    status = { ...status, ...patch };
    options.onStatus?.(status);
  };

  /** One pass: fetch what is new since the cursor (or resync), advancing it per message. */
  async function syncOnce(c: ImapFlow): Promise<void> {
    const mailbox = c.mailbox;
    if (!mailbox) throw new Error('no folder open');
    const validity = validityOf(mailbox);
    const cursor = await port.loadCursor();

    if (!cursor || cursor.folder !== imap.folder) {
      // First watch of this folder: what is already there predates us; start at the top.
      const lastUid = Math.max(0, mailbox.uidNext - 1);
      await port.saveCursor({ folder: imap.folder, uidValidity: validity, lastUid });
      logger.info('imap folder baseline recorded', { ...log, uidValidity: validity, lastUid });
      return;
    }

    if (cursor.uidValidity !== validity) {
      await resync(c, cursor, validity);
      return;
    }
    // (uidNext is not refreshed by EXISTS while idling, so it cannot tell us "nothing new".)
    if (mailbox.exists === 0) return;

    // `N:*` always matches the highest message, even below N: filter by UID ourselves.
    const uids: number[] = [];
    for await (const m of c.fetch(`${cursor.lastUid + 1}:*`, { uid: true }, { uid: true })) {
      if (m.uid > cursor.lastUid) uids.push(m.uid);
    }
    uids.sort((a, b) => a - b);
    for (const uid of uids) {
      if (stopped) return;
      const message = await c.fetchOne(String(uid), { uid: true, source: true, internalDate: true }, { uid: true });
      if (message && message.source) await port.receive(message.source, { uid, internalDate: toDate(message.internalDate) });
      await port.saveCursor({ folder: imap.folder, uidValidity: validity, lastUid: uid });
    }
  }

  async function resync(c: ImapFlow, cursor: MailboxCursor, validity: string): Promise<void> {
    const since = new Date(cursor.syncedAt.getTime() - resyncWindowMs);
    logger.warn('imap UIDVALIDITY changed, resyncing by Message-ID', { ...log, was: cursor.uidValidity, now: validity, since: since.toISOString() });
    const found = await c.search({ since }, { uid: true });
    const uids = (found || []).sort((a, b) => a - b);
    const envelopes: Array<{ uid: number; messageId?: string }> = [];
    if (uids.length > 0) {
      for await (const m of c.fetch(uids.join(','), { uid: true, envelope: true }, { uid: true })) {
        envelopes.push({ uid: m.uid, messageId: m.envelope?.messageId });
      }
    }
    const ids = envelopes.flatMap((e) => (e.messageId ? [e.messageId] : []));
    const known = ids.length > 0 ? await port.knownMessageIds(ids) : new Set<string>();
    let handed = 0;
    for (const e of envelopes.sort((a, b) => a.uid - b.uid)) {
      if (stopped) return;
      if (e.messageId && known.has(e.messageId)) continue;
      const message = await c.fetchOne(String(e.uid), { uid: true, source: true, internalDate: true }, { uid: true });
      if (message && message.source) {
        await port.receive(message.source, { uid: e.uid, internalDate: toDate(message.internalDate) });
        handed += 1;
      }
    }
    const mailbox = c.mailbox;
    const top = Math.max(0, (mailbox ? mailbox.uidNext : 1) - 1, ...uids);
    await port.saveCursor({ folder: imap.folder, uidValidity: validity, lastUid: top });
    logger.info('imap resync done', { ...log, checked: envelopes.length, handed });
  }

  /** Serializes syncs: a request during a sync runs one more pass afterwards. */
  function requestSync(): Promise<void> {
    const c = client;
    if (!c || !c.usable) return Promise.resolve();
    if (syncing) {
      syncAgain = true;
      return syncing;
    }
    syncing = (async () => {
      try {
        do {
          syncAgain = false;
          await syncOnce(c);
          setStatus({ lastSyncAt: new Date(), error: null });
        } while (syncAgain && !stopped);
      } catch (err) {
        // The cursor did not move past the failure; a fresh connection starts from it again.
        const message = describeImapError(err);
        logger.warn('imap sync failed, reconnecting', { ...log, error: message });
        setStatus({ error: message });
        c.close();
      } finally {
        syncing = null;
      }
    })();
    return syncing;
  }

  async function connectAndWatch(): Promise<void> {
    const c = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      // Not secure: imapflow still upgrades with STARTTLS when the server offers it.
      auth: { user: imap.user, pass: imap.password },
      logger: false,
      autoIdleDelay: idleDelayMs,
      // Re-issue IDLE now and then so a silently dead connection is noticed.
      maxIdleTime: 5 * 60_000,
      connectionTimeout: 30_000,
      greetingTimeout: 16_000,
      socketTimeout: 10 * 60_000,
    });
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    c.on('error', (err: unknown) => {
      logger.warn('imap connection error', { ...log, error: describeImapError(err) });
    });
    client = c;
    try {
      await c.connect();
      await c.mailboxOpen(imap.folder, { readOnly: true });
      c.on('exists', () => void requestSync());
      setStatus({ state: 'watching', error: null });
      logger.info('imap watching', log);
      await requestSync();
      const poll = setInterval(() => void requestSync(), pollMs);
      poll.unref?.();
      try {
        await closed;
      } finally {
        clearInterval(poll);
      }
    } finally {
      client = null;
      c.close();
    }
  }

  const loop = (async () => {
    let attempt = 0;
    while (!stopped) {
      const startedAt = Date.now();
      try {
        await connectAndWatch();
      } catch (err) {
        const message = describeImapError(err);
        logger.warn('imap connection failed', { ...log, error: message });
        setStatus({ error: message });
      }
      if (stopped) break;
      // A connection that lived a while starts the backoff over.
      if (Date.now() - startedAt > 60_000) attempt = 0;
      const base = Math.min(backoff.max, backoff.initial * 2 ** attempt);
      const delay = Math.round(base / 2 + Math.random() * (base / 2));
      attempt += 1;
      setStatus({ state: 'reconnecting' });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
    setStatus({ state: 'stopped' });
  })();

  return {
    status: () => status,
    syncNow: () => requestSync(),
    async stop() {
      stopped = true;
      wakeUp?.();
      const c = client;
      if (c) {
        await syncing?.catch(() => {});
        await c.logout().catch(() => c.close());
      }
      await loop;
    },
  };
}
