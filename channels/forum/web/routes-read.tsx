/** @jsxImportSource hono/jsx */
/** Reading: boards, topics, search, images. Open to everyone; owners see their own held posts. */
import { Hono } from 'hono';
import { pageCount, paging } from '../../../src/domain/forum/paging.js';
import { quoteMarkdown } from '../markdown.js';
import type { ForumContext, ForumEnv, ForumWebConfig } from './context.js';
import { formatBytes } from './forms.js';
import { BoardPage, BoardsPage } from './pages/browse.js';
import { SearchPage } from './pages/owner.js';
import { TopicPageView } from './pages/topic.js';
import { errorPage, pageContext, render } from './render.js';
import type { FormErrors } from './pages/compose.js';

export const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string | undefined): s is string => typeof s === 'string' && UUID.test(s);

/** Renders a topic page; the write routes reuse it to show a reply with its errors. */
export async function renderTopic(c: ForumContext, config: ForumWebConfig, topicId: string, opts: { draft?: string; errors?: FormErrors; status?: 200 | 400 } = {}) {
  const viewer = c.get('viewer');
  const p = paging(c.req.query('page'), PAGE_SIZE);
  const data = await config.port.topicPage(topicId, { offset: p.offset, limit: PAGE_SIZE }, viewer);
  if (!data) return errorPage(c, config.timeZone, 404, 'error.notFound');
  const ctx = pageContext(c, config.timeZone);
  let draft = opts.draft ?? '';
  const quote = c.req.query('quote');
  if (!opts.draft && isUuid(quote)) {
    const quoted = await config.port.postForQuote(quote, viewer);
    if (quoted && quoted.topicId === topicId) draft = quoteMarkdown(quoted.author.name, quoted.body);
  }
  const suspended =
    viewer?.suspendedUntil && viewer.suspendedUntil.getTime() > Date.now() ? { until: ctx.time(viewer.suspendedUntil), reason: viewer.suspendReason ?? '' } : null;
  return render(
    c,
    <TopicPageView
      ctx={ctx}
      data={data}
      page={p.page}
      pages={pageCount(data.totalPosts, PAGE_SIZE)}
      draft={draft}
      errors={opts.errors ?? {}}
      upload={{ maxFiles: config.upload.maxFiles, maxSize: formatBytes(config.upload.maxBytes) }}
      suspended={suspended}
    />,
    opts.status ?? 200,
  );
}

export function readRoutes(config: ForumWebConfig) {
  const app = new Hono<ForumEnv>();
  const { port } = config;
  const notFound = (c: ForumContext) => errorPage(c, config.timeZone, 404, 'error.notFound');

  app.get('/', async (c) => render(c, <BoardsPage ctx={pageContext(c, config.timeZone)} boards={await port.listBoards()} />));

  app.get('/b/:slug', async (c) => {
    const board = await port.boardBySlug(c.req.param('slug'));
    if (!board) return notFound(c);
    const p = paging(c.req.query('page'), PAGE_SIZE);
    const { topics, total } = await port.listTopics(board.id, { offset: p.offset, limit: PAGE_SIZE });
    return render(c, <BoardPage ctx={pageContext(c, config.timeZone)} board={board} topics={topics} page={p.page} pages={pageCount(total, PAGE_SIZE)} />);
  });

  app.get('/t/:id', async (c) => {
    const id = c.req.param('id');
    return isUuid(id) ? renderTopic(c, config, id) : notFound(c);
  });

  /** A post's permanent link: the page it is on, scrolled to it. */
  app.get('/t/:id/p/:postId', async (c) => {
    const { id, postId } = c.req.param();
    if (!isUuid(id) || !isUuid(postId)) return notFound(c);
    const page = await port.pageOfPost(id, postId, PAGE_SIZE);
    const n = c.req.query('n');
    const notice = n && /^[a-zA-Z]+$/.test(n) ? `&n=${n}` : '';
    return c.redirect(`/forum/t/${id}?page=${page}${notice}#post-${postId}`, 303);
  });

  app.get('/search', async (c) => {
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const p = paging(c.req.query('page'), PAGE_SIZE);
    const { hits, total } = q ? await port.search(q, { offset: p.offset, limit: PAGE_SIZE }) : { hits: [], total: 0 };
    return render(c, <SearchPage ctx={pageContext(c, config.timeZone)} q={q} hits={hits} total={total} page={p.page} pages={pageCount(total, PAGE_SIZE)} />);
  });

  app.get('/images/:id', async (c) => {
    const id = c.req.param('id');
    const img = isUuid(id) ? await port.image(id, c.get('viewer')) : null;
    if (!img) return notFound(c);
    // The type was detected from the bytes at upload; the browser is told not to guess.
    return c.body(img.data.slice().buffer as ArrayBuffer, 200, {
      'Content-Type': img.mimeType,
      'Content-Disposition': 'inline',
      'Cache-Control': 'private, max-age=86400',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });

  return app;
}
