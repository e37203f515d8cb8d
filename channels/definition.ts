/**
 * What one channel folder exports: a ChannelDefinition. The registry (channels/registry.ts)
 * lists the definitions; everything outside channels/<kind>/ reads kinds, config schemas and
 * capabilities from there, never by naming a kind.
 *
 * A definition is data plus functions over explicit ports. It never touches the database:
 * what it needs to keep (an access token, a pull cursor) goes through `ChannelStatePort`,
 * which the entry (src/server.ts, src/worker.ts) wires to services/.
 */
import type { z } from 'zod';
import type { Channel, ChannelCapabilities, Inbound } from './types.js';

/** Both UI languages; channel folders carry their own labels so the UI lists kinds from the registry. */
export interface ChannelLabel {
  en: string;
  'zh-CN': string;
}

/** A webhook request reduced to what verification needs; the body is read once, as text. */
export interface WebhookRequest {
  method: string;
  /** Query parameters (signature, timestamp, nonce, echostr …). */
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

/** What the webhook route sends back. */
export interface WebhookResponse {
  status: number;
  body: string;
  contentType?: string;
}

/**
 * The result of verifying one webhook request:
 * - `respond`: answer now, store nothing (URL verification echo, bad signature, malformed body);
 * - `accept`: the request is genuine and `payload` is the decoded body for `normalize`;
 *   `ack` is sent after the items are committed (Telegram `{}`, WeChat `success`);
 * - `pull`: genuine, and the platform wants us to fetch (WeCom kf_msg_or_event): the entry
 *   records a durable pull job, commits, then sends `ack`.
 */
export type WebhookVerdict =
  | { kind: 'respond'; response: WebhookResponse }
  | { kind: 'accept'; payload: unknown; ack: WebhookResponse }
  | { kind: 'pull'; hint: Record<string, string>; ack: WebhookResponse };

export interface NormalizeContext {
  inboxId: string;
  receivedAt: Date;
}

/** Small per-inbox state a channel keeps across requests and instances (stored by services/). */
export interface ChannelStatePort {
  get<T>(key: string): Promise<T | null>;
  /** Stores `value`; with `ttlMs` it reads back as null after that long. */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  /** Runs `fn` while holding a lock on `key` across instances; `null` when another holds it. */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T | null>;
}

export interface ChannelLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What a channel instance is given besides its config. */
export interface ChannelContext {
  inboxId: string;
  state: ChannelStatePort;
  logger: ChannelLogger;
  /** The app's public base URL (for webhook registration), when known. */
  publicUrl?: string;
}

/** A pull channel's page of items and where to continue. */
export interface PullPage {
  items: Inbound[];
  cursor: string | null;
  hasMore: boolean;
}

/** A downloaded file of an owner's message. */
export interface DownloadedMedia {
  content: Uint8Array;
  mimeType: string;
  fileName?: string;
}

/** A running intake loop (Telegram long polling, an IMAP watcher). */
export interface IntakeHandle {
  stop(): Promise<void>;
}

export interface ChannelInstance<Config = unknown> extends Channel<Config> {
  /** Fetches the next page from `cursor` (pull channels: WeCom kf/sync_msg). */
  pull?(cursor: string | null, hint: Record<string, string>): Promise<PullPage>;
  /** Downloads a file named by an attachment's `fileId`; null when the platform no longer has it. */
  downloadMedia?(fileId: string, maxBytes: number): Promise<DownloadedMedia | null>;
  /** Starts pushing inbound items into `deliver` (resolves after they are committed). */
  startIntake?(deliver: (items: Inbound[]) => Promise<void>): IntakeHandle;
  /** Registers the webhook with the platform, where the platform has such a call. */
  registerWebhook?(url: string): Promise<void>;
  /**
   * Tells the platform what owners can do once the inbox starts (Telegram: the command menu
   * in each language). Best effort: a failure is logged, the inbox runs on.
   */
  announce?(): Promise<void>;
  /** Checks the credentials against the platform ("test" button on the inbox screen). */
  check?(): Promise<{ ok: true; detail?: string } | { ok: false; error: string }>;
  close?(): void;
}

export type TemplateCheck = { ok: true; preview: string } | { ok: false; error: string };

export interface ChannelDefinition<Config = unknown> {
  kind: string;
  label: ChannelLabel;
  /** Validates `{ …config }` of POST/PATCH /api/inboxes, secrets included. */
  configSchema: z.ZodType<Config>;
  /** Keys of the config that are secrets: sealed with APP_SECRET, never returned by the API. */
  secretFields: readonly string[];
  capabilities: ChannelCapabilities;
  /** Identifies the platform account (bot id, AppId, open_kfid): one inbox per account. */
  accountKey(config: Config): string;
  /** Admins can add inboxes of this kind through the API (not the forum, phone, visit logs). */
  creatable: boolean;
  /** Push channels: verifies and decodes one request to /webhooks/<kind>/<inboxId>. */
  verifyWebhook?(request: WebhookRequest, config: Config): WebhookVerdict | Promise<WebhookVerdict>;
  /** Pure: a decoded payload to normalized items. */
  normalize?(payload: unknown, context: NormalizeContext): Inbound[];
  /**
   * Channels with `capabilities.templates`: checks an agent's template message against the
   * inbox's configured templates before it is stored, and gives the text the thread shows for
   * it. The stored message carries `meta.template = { id, variables }` and is delivered by the
   * channel's `send` like any reply.
   */
  checkTemplate?(config: Config, templateId: string, variables: Record<string, string>): TemplateCheck;
  /** Builds the live side of one inbox (send, pull, media, intake). */
  create(config: Config, context: ChannelContext): ChannelInstance<Config>;
}

/**
 * Every member taking a config is a method, so a `ChannelDefinition<TelegramConfig>` is also a
 * `ChannelDefinition<unknown>`: the registry holds them in one list and the caller parses the
 * config with `configSchema` before handing it back.
 */
export type AnyChannelDefinition = ChannelDefinition<unknown>;

export function defineChannel<Config>(definition: ChannelDefinition<Config>): ChannelDefinition<Config> {
  return definition;
}
