/** What every forum request carries once the middleware ran, and the app's configuration. */
import type { Context } from 'hono';
import type { ForumPort, ForumViewer } from '../port.js';
import type { ForumLocale, T } from './i18n/index.js';

export interface ForumWebConfig {
  port: ForumPort;
  /** Keys the CSRF tokens. */
  secret: string;
  /** Cookies get Secure when this says the request came over TLS (directly or via a trusted proxy). */
  secureCookies(c: Context): boolean;
  /** The client's address for rate limits (the entry knows how it is connected). */
  clientIp(c: Context): string;
  /** Absolute base for links in mail; the request's own origin when unset. */
  publicUrl?: string;
  limits: { signupsPerHour: number; loginsPer15Min: number; postsPer10Min: number };
  upload: { maxBytes: number; maxFiles: number };
  /** Times on the pages are shown in the service center's zone. */
  timeZone: string;
  /** Logs an unexpected error; the owner only sees a plain error page. */
  onError(err: unknown, path: string): void;
}

export interface ForumVars {
  viewer: ForumViewer | null;
  sessionToken: string | null;
  locale: ForumLocale;
  t: T;
  csrf: string;
  path: string;
}

export type ForumEnv = { Variables: ForumVars };
export type ForumContext = Context<ForumEnv>;

/** Shown in a layout: the page's notice (from a redirect) and the formatter of times. */
export interface PageContext {
  t: T;
  locale: ForumLocale;
  viewer: ForumViewer | null;
  csrf: string;
  path: string;
  notice: string | null;
  time(d: Date): string;
}
