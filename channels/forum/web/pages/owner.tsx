/** @jsxImportSource hono/jsx */
/** An owner's own pages: account, "my topics", private messages; and search. */
import type { ForumViewer, PrivateThreadView, SearchHit, TopicSummary } from '../../port.js';
import { excerpt } from '../../markdown.js';
import type { PageContext } from '../context.js';
import { Csrf, FieldError, Layout, Pager } from '../layout.js';
import { TopicItem } from './browse.js';

export function AccountPage({ ctx, viewer, error }: { ctx: PageContext; viewer: ForumViewer; error?: string }) {
  const { t } = ctx;
  const status =
    viewer.unitStatus === 'rejected' ? t('account.unitStatus.rejected', { note: viewer.unitNote ?? '' }) : t(`account.unitStatus.${viewer.unitStatus}`);
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      <section class="card">
        <p>
          <strong>{viewer.displayName}</strong> · {viewer.email}
        </p>
        <h2>{t('account.unit')}</h2>
        <p data-testid="forum-unit-status">
          {viewer.unitClaim ? `${viewer.unitClaim} · ` : ''}
          {status}
        </p>
        <form method="post" action="/forum/account/unit">
          <Csrf ctx={ctx} />
          <label for="unit">{t('account.unit')}</label>
          <p class="hint">{t('auth.unitHint')}</p>
          <input id="unit" type="text" name="unit" required maxlength={60} value={viewer.unitClaim ?? ''} />
          <FieldError message={error} />
          <div class="row">
            <button type="submit">{t('account.unitSubmit')}</button>
          </div>
        </form>
      </section>
      <section class="card">
        <h2>{t('account.notifications')}</h2>
        <p>{viewer.notifyByEmail ? t('account.notificationsOn') : t('account.notificationsOff')}</p>
        <form method="post" action="/forum/account/notifications">
          <Csrf ctx={ctx} />
          <input type="hidden" name="on" value={viewer.notifyByEmail ? 'false' : 'true'} />
          <button type="submit" class="secondary">
            {viewer.notifyByEmail ? t('account.turnOff') : t('account.turnOn')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function MyTopicsPage({ ctx, topics, page, pages }: { ctx: PageContext; topics: TopicSummary[]; page: number; pages: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('my.title')}>
      <h1>{t('my.title')}</h1>
      {topics.length === 0 ? (
        <p class="meta">{t('my.empty')}</p>
      ) : (
        <ul class="list">
          {topics.map((topic) => (
            <TopicItem ctx={ctx} topic={topic} showBoard />
          ))}
        </ul>
      )}
      <Pager ctx={ctx} page={page} pages={pages} href={(p) => `/forum/my?page=${p}`} />
    </Layout>
  );
}

export function MessagesPage({ ctx, threads, error }: { ctx: PageContext; threads: PrivateThreadView[]; error?: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('messages.title')}>
      <h1>{t('messages.title')}</h1>
      <p class="meta">{t('messages.intro')}</p>
      <form method="post" action="/forum/messages" class="card">
        <Csrf ctx={ctx} />
        <label for="body">{t('messages.new')}</label>
        <textarea id="body" name="body" required maxlength={5000} data-testid="forum-private-body" />
        <FieldError message={error} />
        <div class="row">
          <button type="submit" data-testid="forum-private-submit">
            {t('form.send')}
          </button>
        </div>
      </form>
      {threads.length === 0 && <p class="meta">{t('messages.empty')}</p>}
      {threads.map((thread) => (
        <section class="card thread" data-testid="forum-private-thread">
          {thread.topic && (
            <p class="meta">
              {t('messages.about')} <a href={`/forum/t/${thread.topic.id}`}>{thread.topic.title}</a>
            </p>
          )}
          {thread.messages.map((m) => (
            <div class={`msg ${m.direction}`} data-testid="forum-private-message" data-direction={m.direction}>
              <div class="meta">
                {m.direction === 'out' ? (
                  <>
                    <span class="badge staff">{t('messages.staff')}</span>
                    {m.staffName ?? ''}
                  </>
                ) : (
                  t('messages.you')
                )}{' '}
                · {ctx.time(m.createdAt)}
              </div>
              <div>{m.body}</div>
            </div>
          ))}
          {thread.conversationId && (
            <form method="post" action="/forum/messages">
              <Csrf ctx={ctx} />
              <input type="hidden" name="conversationId" value={thread.conversationId} />
              <label for={`reply-${thread.conversationId}`}>{t('messages.reply')}</label>
              <textarea id={`reply-${thread.conversationId}`} name="body" required maxlength={5000} />
              <div class="row">
                <button type="submit" class="secondary">
                  {t('form.send')}
                </button>
              </div>
            </form>
          )}
        </section>
      ))}
    </Layout>
  );
}

export function SearchPage({ ctx, q, hits, total, page, pages }: { ctx: PageContext; q: string; hits: SearchHit[]; total: number; page: number; pages: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('search.title')}>
      <h1>{t('search.title')}</h1>
      <form method="get" action="/forum/search" class="row">
        <input type="search" name="q" value={q} aria-label={t('nav.search')} />
        <button type="submit">{t('nav.search')}</button>
      </form>
      {q && <p class="meta">{t('search.results', { q, n: total })}</p>}
      {q && hits.length === 0 && <p>{t('search.none')}</p>}
      <ul class="list">
        {hits.map((h) => (
          <li data-testid="forum-search-hit">
            <a href={`/forum/t/${h.topic.id}/p/${h.postId}`}>{h.topic.title}</a>
            <div class="meta">{excerpt(h.excerpt, 200)}</div>
          </li>
        ))}
      </ul>
      <Pager ctx={ctx} page={page} pages={pages} href={(p) => `/forum/search?q=${encodeURIComponent(q)}&page=${p}`} />
    </Layout>
  );
}
