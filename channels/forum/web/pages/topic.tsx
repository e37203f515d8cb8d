/** @jsxImportSource hono/jsx */
/** A topic with its posts (staff answers badged), quoting, reporting and the reply box. */
import type { PostView, TopicPage } from '../../port.js';
import { renderMarkdown } from '../../markdown.js';
import type { PageContext } from '../context.js';
import { Csrf, FieldError, Layout, Pager } from '../layout.js';
import { boardName, TopicBadges } from './browse.js';
import { ImagesField, type FormErrors } from './compose.js';

const FLAG_REASONS = ['spam', 'abuse', 'privacy', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const isFlagReason = (v: unknown): v is FlagReason => typeof v === 'string' && (FLAG_REASONS as readonly string[]).includes(v);

function Post({ ctx, post, canAct }: { ctx: PageContext; post: PostView; canAct: boolean }) {
  const { t } = ctx;
  const own = ctx.viewer !== null && post.author.accountId === ctx.viewer.accountId;
  return (
    <article class={`post${post.author.staff ? ' staff' : ''}`} id={`post-${post.id}`} data-testid="forum-post" data-staff={post.author.staff ? 'true' : 'false'}>
      <header>
        {post.author.staff && (
          <span class="badge staff" data-testid="staff-badge">
            {t('topic.staff')}
          </span>
        )}
        <strong>{post.author.name}</strong>
        <span class="meta">
          <a href={`#post-${post.id}`}>{t('topic.postedAt', { time: ctx.time(post.createdAt) })}</a>
        </span>
      </header>
      {post.status === 'pending' && <p class="notice warn">{t('topic.pendingNote')}</p>}
      {post.status === 'hidden' && <p class="notice error">{t('topic.hiddenNote', { reason: post.hiddenReason ?? '' })}</p>}
      <div class="body" dangerouslySetInnerHTML={{ __html: renderMarkdown(post.body) }} />
      {post.images.map((img) => (
        <img src={`/forum/images/${img.id}`} width={img.width} height={img.height} loading="lazy" alt={t('topic.image')} />
      ))}
      {canAct && post.status === 'visible' && (
        <div class="actions">
          <a href={`?quote=${post.id}#reply`}>{t('topic.quote')}</a>
          {!own && !post.author.staff && (
            <details class="flag">
              <summary>{t('topic.flag')}</summary>
              <form method="post" action={`/forum/p/${post.id}/flag`}>
                <Csrf ctx={ctx} />
                <label for={`reason-${post.id}`}>{t('topic.flagReason')}</label>
                <select id={`reason-${post.id}`} name="reason">
                  {FLAG_REASONS.map((r) => (
                    <option value={r}>{t(`topic.flagReasons.${r}`)}</option>
                  ))}
                </select>
                <label for={`detail-${post.id}`}>{t('topic.flagDetail')}</label>
                <input id={`detail-${post.id}`} type="text" name="detail" maxlength={300} />
                <div class="row">
                  <button type="submit" class="secondary">
                    {t('topic.flagSubmit')}
                  </button>
                </div>
              </form>
            </details>
          )}
        </div>
      )}
    </article>
  );
}

export function TopicPageView({
  ctx,
  data,
  page,
  pages,
  draft,
  errors,
  upload,
  suspended,
}: {
  ctx: PageContext;
  data: TopicPage;
  page: number;
  pages: number;
  draft: string;
  errors: FormErrors;
  upload: { maxFiles: number; maxSize: string };
  suspended: { until: string; reason: string } | null;
}) {
  const { t } = ctx;
  const { topic, board } = data;
  return (
    <Layout ctx={ctx} title={topic.title}>
      <p class="meta">
        <a href="/forum">{t('nav.boards')}</a> › <a href={`/forum/b/${board.slug}`}>{boardName(ctx, board)}</a> ›
      </p>
      <h1 data-testid="forum-topic-title">
        <TopicBadges ctx={ctx} topic={topic} />
        {topic.title}
      </h1>
      {data.posts.map((post) => (
        <Post ctx={ctx} post={post} canAct={ctx.viewer !== null} />
      ))}
      <Pager ctx={ctx} page={page} pages={pages} href={(p) => `/forum/t/${topic.id}?page=${p}`} />
      <section id="reply">
        {topic.locked ? (
          <p class="notice warn">{t('topic.lockedNote')}</p>
        ) : !ctx.viewer ? (
          <p>
            <a href={`/forum/login?next=${encodeURIComponent(`/forum/t/${topic.id}`)}`}>{t('topic.loginToReply')}</a>
          </p>
        ) : suspended ? (
          <p class="notice warn">{t('topic.suspendedNote', suspended)}</p>
        ) : (
          <form method="post" action={`/forum/t/${topic.id}/reply`} enctype="multipart/form-data">
            <h2>{t('topic.reply')}</h2>
            {errors.form && <p class="notice error" role="alert">{errors.form}</p>}
            <Csrf ctx={ctx} />
            <label for="body">{t('topic.replyLabel')}</label>
            <p class="hint">{t('form.bodyHint')}</p>
            <textarea id="body" name="body" required maxlength={20000} data-testid="forum-reply-body">
              {draft}
            </textarea>
            <FieldError message={errors.body} />
            <ImagesField ctx={ctx} error={errors.images} maxFiles={upload.maxFiles} maxSize={upload.maxSize} />
            <div class="row">
              <button type="submit" data-testid="forum-reply-submit">
                {t('topic.reply')}
              </button>
            </div>
          </form>
        )}
      </section>
    </Layout>
  );
}
