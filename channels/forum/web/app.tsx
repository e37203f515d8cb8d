/** @jsxImportSource hono/jsx */
/**
 * The forum's web app, mounted at /forum. Server-rendered with Hono's JSX, no script at all
 * (the CSP allows none), so it works without JavaScript and on a phone. Every POST carries a
 * CSRF token; errors become plain pages without stack traces.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { csrfToken, csrfValid, CSRF_COOKIE, CSRF_FIELD, newCsrfSecret, originAllowed } from './csrf.js';
import type { ForumEnv, ForumWebConfig } from './context.js';
import { pickForumLocale, translator } from './i18n/index.js';
import { errorPage } from './render.js';
import { authRoutes } from './routes-auth.js';
import { ownerRoutes } from './routes-owner.js';
import { readRoutes } from './routes-read.js';
import { writeRoutes } from './routes-write.js';
import { FORUM_CSS } from './styles.js';

export const SESSION_COOKIE = 'hx_forum_session';
const LANG_COOKIE = 'hx_forum_lang';

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};

/** Unsubscribe links are authorized by their signed token (mail clients post them without a form). */
const CSRF_EXEMPT = new Set(['/forum/unsubscribe']);

export function createForumApp(config: ForumWebConfig) {
  const app = new Hono<ForumEnv>().basePath('/forum');
  // Secure is decided per request: the same server may be reached over TLS through a proxy and over plain HTTP on loopback.
  const cookieBase = (c: Context) => ({ path: '/forum', httpOnly: true, sameSite: 'Lax' as const, secure: config.secureCookies(c) });

  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 413) return errorPage(c, config.timeZone, 413, 'error.tooLarge');
    config.onError(err, c.req.path);
    return errorPage(c, config.timeZone, 500, 'error.server');
  });

  app.use('*', async (c, next) => {
    if (c.req.path === '/forum/') return c.redirect('/forum', 301);
    const url = new URL(c.req.url);
    const lang = url.searchParams.get('lang');
    if (lang === 'en' || lang === 'zh-CN') setCookie(c, LANG_COOKIE, lang, { ...cookieBase(c), maxAge: 365 * 86400 });
    const locale = pickForumLocale(lang ?? getCookie(c, LANG_COOKIE), c.req.header('accept-language'));
    c.set('locale', locale);
    c.set('t', translator(locale));
    url.searchParams.delete('lang');
    url.searchParams.delete('n');
    c.set('path', url.pathname + url.search);

    let csrfCookie = getCookie(c, CSRF_COOKIE);
    if (!csrfCookie) {
      csrfCookie = newCsrfSecret();
      setCookie(c, CSRF_COOKIE, csrfCookie, cookieBase(c));
    }
    c.set('csrf', csrfToken(config.secret, csrfCookie));

    const session = getCookie(c, SESSION_COOKIE) ?? null;
    c.set('sessionToken', session);
    c.set('viewer', session ? await config.port.viewerForSession(session) : null);

    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
    // A page personal to the signed-in owner must not be cached by anyone in between.
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'private, no-store');
  });

  const maxBody = config.upload.maxBytes * config.upload.maxFiles + 256 * 1024;
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return bodyLimit({ maxSize: maxBody, onError: (cc) => errorPage(cc as never, config.timeZone, 413, 'error.tooLarge') })(c, next);
  });

  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || CSRF_EXEMPT.has(c.req.path)) return next();
    if (!originAllowed(c.req.header('origin'), c.req.header('host'))) return errorPage(c, config.timeZone, 403, 'error.forbidden');
    let body: Awaited<ReturnType<typeof c.req.parseBody>>;
    try {
      body = await c.req.parseBody({ all: true });
    } catch {
      // A truncated or malformed form body will never parse: the client's fault, not ours.
      return errorPage(c, config.timeZone, 400, 'error.badForm');
    }
    const field = body[CSRF_FIELD];
    if (!csrfValid(config.secret, getCookie(c, CSRF_COOKIE), typeof field === 'string' ? field : undefined)) {
      return errorPage(c, config.timeZone, 403, 'error.forbidden');
    }
    return next();
  });

  app.get('/assets/forum.css', (c) => c.body(FORUM_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  app.route('/', authRoutes(config, SESSION_COOKIE, cookieBase));
  app.route('/', readRoutes(config));
  app.route('/', writeRoutes(config));
  app.route('/', ownerRoutes(config));
  app.all('*', (c) => errorPage(c, config.timeZone, 404, 'error.notFound'));
  return app;
}
