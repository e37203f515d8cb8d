import type { Auth, AuthUser } from '../services/auth.js';
import type { ServiceDeps } from '../services/ports.js';
import type { Logger } from '../logger.js';
import type { Inbound } from '../../channels/types.js';
import type { MiddlewareHandler } from 'hono';
import type { ForumDeps } from '../services/forum/deps.js';
import type { WorkspaceSettings } from '../services/workspace/settings.js';
import type { SecretBox } from '../services/secret-box.js';
import type { AnyChannelDefinition } from '../../channels/definition.js';

export interface TelegramWebhookDeps {
  inboxId: string;
  secret: string;
  /** Called with the normalized items once the request is verified and valid. */
  onCallback?: (callbackId: string) => Promise<void>;
}

export interface AppDeps {
  services: ServiceDeps;
  auth: Auth;
  logger: Logger;
  ping(): Promise<void>;
  telegram?: TelegramWebhookDeps;
  /** Serves the built inbox-ui (Node only; the Workers entry serves no UI). */
  staticUi?: MiddlewareHandler;
  /** The owners' forum: its web app at /forum and its staff API (Node only; src/start-forum.ts). */
  forum?: ForumAppDeps;
  /** Receives every normalized inbound item (the entry decides how: receiveInbound). */
  receive(items: Inbound[]): Promise<void>;
  secureCookies: boolean;
  /** Agent-workspace settings and ports (round-robin, grace period, tickets); defaults when absent. */
  workspace?: WorkspaceSettings;
  /** The email channel's admin side (mailboxes, composer attachments); Node only. */
  email?: EmailAppDeps;
  /** /webhooks/<kind>/<inboxId> for every push channel (src/http/routes/channel-webhook.ts). */
  channelWebhooks?: ChannelWebhookDeps;
  /** The inbox admin API (src/http/routes/inbox-routes.ts). */
  inboxes?: InboxAppDeps;
}

export interface ChannelWebhookDeps {
  /** The definition and parsed config of an enabled inbox of `kind`; null → 404. */
  resolve(kind: string, inboxId: string): Promise<{ definition: AnyChannelDefinition; config: unknown } | null>;
  /** Stores one inbox's items (and answers button presses); resolves after the commit. */
  deliver(inboxId: string, items: Inbound[]): Promise<void>;
  /** Records a durable pull job; absent where no job queue runs (the Workers entry: 501). */
  enqueuePull?(inboxId: string, hint: Record<string, string>): Promise<void>;
}

export interface InboxAppDeps {
  /** Seals and opens inbox secrets (key from APP_SECRET). */
  secretBox: SecretBox;
  /** Applies a changed inbox to the running instances (rebuild, stop). */
  changed(inboxId: string): Promise<void>;
  /** The running instance's check() ("test" on the inbox screen); null when the inbox is not running here. */
  check(inboxId: string): Promise<{ ok: true; detail?: string } | { ok: false; error: string } | null>;
  /** PUBLIC_URL or this server's own address: webhook URLs are shown on it. */
  publicBase(): string;
}

export interface EmailAppDeps {
  /** Seals and opens mailbox passwords (key from APP_SECRET). */
  secretBox: SecretBox;
  /** Applies mailbox changes to the running watchers and senders. */
  mailboxesChanged(): Promise<void>;
  /** This instance's watcher status of a mailbox. */
  mailboxStatus(inboxId: string): { watcher: 'standby' | 'connecting' | 'watching' | 'reconnecting' | 'stopped'; error: string | null; lastSyncAt: string | null } | null;
  /** Largest total of files an agent may attach to one reply, in bytes. */
  maxAttachmentBytes: number;
}

export interface ForumAppDeps {
  /** The forum web app (basePath /forum). */
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
  services: ForumDeps;
}

export interface AppEnv {
  Variables: { user: AuthUser; token: string };
}
