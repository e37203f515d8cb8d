/** @jsxImportSource hono/jsx */
/** The board list and a board's topics. */
import type { BoardView, TopicSummary } from '../../port.js';
import type { PageContext } from '../context.js';
import { Layout, Pager } from '../layout.js';

export const boardName = (ctx: PageContext, b: { name: string; nameEn: string }) => (ctx.locale === 'en' ? b.nameEn : b.name);

export function BoardsPage({ ctx, boards }: { ctx: PageContext; boards: BoardView[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('boards.title')}>
      <h1>{t('boards.title')}</h1>
      <ul class="list">
        {boards.map((b) => (
          <li data-testid="forum-board">
            <a href={`/forum/b/${b.slug}`}>
              <strong>{boardName(ctx, b)}</strong>
            </a>{' '}
            {b.isService && <span class="badge staff">{t('boards.service')}</span>}
            <div class="meta">{ctx.locale === 'en' ? b.descriptionEn : b.description}</div>
            <div class="meta">
              {t('boards.topics', { n: b.topicCount })}
              {b.lastPostAt ? ` · ${t('boards.last', { time: ctx.time(b.lastPostAt) })}` : ''}
            </div>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function TopicBadges({ ctx, topic }: { ctx: PageContext; topic: TopicSummary }) {
  const { t } = ctx;
  return (
    <>
      {topic.pinned && <span class="badge pin">{t('topic.pinned')}</span>}
      {topic.highlighted && <span class="badge hl">{t('topic.highlighted')}</span>}
      {topic.locked && <span class="badge">{t('topic.locked')}</span>}
      {topic.status === 'pending' && <span class="badge warn">{t('topic.pending')}</span>}
      {topic.status === 'hidden' && <span class="badge warn">{t('topic.hidden')}</span>}
    </>
  );
}

export function TopicItem({ ctx, topic, showBoard = false }: { ctx: PageContext; topic: TopicSummary; showBoard?: boolean }) {
  const { t } = ctx;
  return (
    <li class={topic.highlighted ? 'highlight' : ''} data-testid="forum-topic">
      <TopicBadges ctx={ctx} topic={topic} />
      <a href={`/forum/t/${topic.id}`}>{topic.title}</a>
      <div class="meta">
        {showBoard && `${boardName(ctx, { name: topic.boardName, nameEn: topic.boardNameEn })} · `}
        {topic.author.staff && <span class="badge staff">{t('topic.staff')}</span>}
        {topic.author.name} · {t('board.replies', { n: topic.replyCount })} · {ctx.time(topic.lastPostAt)}
      </div>
      {topic.hiddenReason && <div class="meta">{t('topic.hiddenNote', { reason: topic.hiddenReason })}</div>}
    </li>
  );
}

export function BoardPage({ ctx, board, topics, page, pages }: { ctx: PageContext; board: BoardView; topics: TopicSummary[]; page: number; pages: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={boardName(ctx, board)}>
      <p class="meta">
        <a href="/forum">{t('nav.boards')}</a> ›
      </p>
      <h1>{boardName(ctx, board)}</h1>
      {board.isService && <p class="notice">{t('board.serviceNote')}</p>}
      {board.staffOnlyTopics ? (
        <p class="meta">{t('board.staffOnly')}</p>
      ) : (
        <p>
          <a class="button" href={`/forum/b/${board.slug}/new`} data-testid="forum-new-topic">
            {t('board.newTopic')}
          </a>
        </p>
      )}
      {topics.length === 0 ? (
        <p class="meta">{t('board.empty')}</p>
      ) : (
        <ul class="list">
          {topics.map((topic) => (
            <TopicItem ctx={ctx} topic={topic} />
          ))}
        </ul>
      )}
      <Pager ctx={ctx} page={page} pages={pages} href={(p) => `/forum/b/${board.slug}?page=${p}`} />
    </Layout>
  );
}
