import type { Auth, AuthUser } from '../services/auth.js';
import type { ServiceDeps } from '../services/ports.js';
import type { Logger } from '../logger.js';
import type { Inbound } from '../../channels/types.js';
import type { MiddlewareHandler } from 'hono';
import type { ForumDeps } from '../services/forum/deps.js';
import type { WorkspaceSettings } from '../services/workspace/settings.js';
import type { SecretBox } from '../services/secret-box.js';
import type { RequestNetwork } from './request-network.js';

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
  /** Cookies are Secure always (true) or only for requests that came over TLS (false). */
  secureCookies: boolean;
  /** Client address and TLS of a request (TRUSTED_PROXIES); unknown when absent. */
  network?: RequestNetwork;
  /** PUBLIC_URL: pages there may use the staff session (CSRF and socket Origin checks). */
  publicUrl?: string;
  /** Agent-workspace settings and ports (round-robin, grace period, tickets); defaults when absent. */
  workspace?: WorkspaceSettings;
  /** The email channel's admin side (mailboxes, composer attachments); Node only. */
  email?: EmailAppDeps;
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
