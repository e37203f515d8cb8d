/** @jsxImportSource hono/jsx */
/** The page frame: header with search and account links, the notice of a redirect, language links. */
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from './csrf.js';
import type { PageContext } from './context.js';

export function Layout({ ctx, title, children }: { ctx: PageContext; title: string; children: Child }) {
  const { t, viewer } = ctx;
  const langHref = (lang: string) => `${ctx.path}${ctx.path.includes('?') ? '&' : '?'}lang=${lang}`;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${title} · ${t('site.name')}`}</title>
        <link rel="stylesheet" href="/forum/assets/forum.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="top">
          <a class="brand" href="/forum">
            {t('site.name')}
          </a>
          <form class="search" method="get" action="/forum/search" role="search">
            <input type="search" name="q" aria-label={t('nav.search')} placeholder={t('nav.searchPlaceholder')} />
            <button type="submit" class="secondary">
              {t('nav.search')}
            </button>
          </form>
          <nav aria-label={t('nav.boards')}>
            {viewer ? (
              <>
                <a href="/forum/my">{t('nav.my')}</a>
                <a href="/forum/messages">{t('nav.messages')}</a>
                <a href="/forum/account" data-testid="forum-account">
                  {viewer.displayName}
                </a>
                <form method="post" action="/forum/logout">
                  <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />
                  <button type="submit" class="linkbutton">
                    {t('nav.logout')}
                  </button>
                </form>
              </>
            ) : (
              <>
                <a href="/forum/login">{t('nav.login')}</a>
                <a href="/forum/signup">{t('nav.signup')}</a>
              </>
            )}
          </nav>
        </header>
        <main id="main">
          {ctx.notice && (
            <p class="notice" role="status" data-testid="forum-notice">
              {ctx.notice}
            </p>
          )}
          {children}
        </main>
        <footer>
          {t('site.tagline')} · {t('nav.language')}: <a href={langHref('zh-CN')} lang="zh-CN">中文</a> | <a href={langHref('en')} lang="en">English</a>
        </footer>
      </body>
    </html>
  );
}

export function Csrf({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name={CSRF_FIELD} value={ctx.csrf} />;
}

export function Pager({ ctx, page, pages, href }: { ctx: PageContext; page: number; pages: number; href: (p: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={ctx.t('page.of', { page, pages })}>
      {page > 1 ? <a href={href(page - 1)} rel="prev">{ctx.t('page.prev')}</a> : <span />}
      <span class="meta">{ctx.t('page.of', { page, pages })}</span>
      {page < pages ? <a href={href(page + 1)} rel="next">{ctx.t('page.next')}</a> : <span />}
    </nav>
  );
}

export function FieldError({ message }: { message: string | undefined }) {
  return message ? (
    <p class="field-error" role="alert">
      {message}
    </p>
  ) : null;
}
