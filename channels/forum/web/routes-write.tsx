/** @jsxImportSource hono/jsx */
/** Owners writing: new topics, replies (with images) and reports. Posting is rate limited per owner. */
import { Hono } from 'hono';
import type { ForumViewer, WriteError } from '../port.js';
import type { ForumContext, ForumEnv, ForumWebConfig } from './context.js';
import { checkImages, files, formatBytes, requiredText, text } from './forms.js';
import type { ForumMessageKey } from './i18n/index.js';
import { NewTopicPage, type FormErrors } from './pages/compose.js';
import { isFlagReason } from './pages/topic.js';
import { errorPage, pageContext, render } from './render.js';
import { isUuid, renderTopic } from './routes-read.js';

const WRITE_ERRORS: Record<WriteError, { status: 403 | 404 | 409; key: ForumMessageKey }> = {
  not_found: { status: 404, key: 'error.notFound' },
  locked: { status: 409, key: 'error.locked' },
  suspended: { status: 403, key: 'error.suspended' },
  staff_only: { status: 403, key: 'error.staffOnly' },
  unverified: { status: 403, key: 'error.loginRequired' },
};

/** Runs the handler for a signed-in owner; others are sent to sign in and come back. */
export function signedIn(handler: (c: ForumContext, viewer: ForumViewer) => Promise<Response>) {
  return async (c: ForumContext) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(`/forum/login?next=${encodeURIComponent(c.req.method === 'GET' ? c.get('path') : '/forum')}`, 303);
    return handler(c, viewer);
  };
}

export function writeRoutes(config: ForumWebConfig) {
  const app = new Hono<ForumEnv>();
  const { port } = config;
  const upload = { maxFiles: config.upload.maxFiles, maxSize: formatBytes(config.upload.maxBytes) };
  const failed = (c: ForumContext, e: WriteError) => errorPage(c, config.timeZone, WRITE_ERRORS[e].status, WRITE_ERRORS[e].key);
  const postingAllowed = (viewer: ForumViewer) => port.hitRateLimit(`post:${viewer.accountId}`, config.limits.postsPer10Min, 600);

  app.get(
    '/b/:slug/new',
    signedIn(async (c) => {
      const board = await port.boardBySlug(c.req.param('slug') ?? '');
      if (!board) return errorPage(c, config.timeZone, 404, 'error.notFound');
      if (board.staffOnlyTopics) return failed(c, 'staff_only');
      return render(c, <NewTopicPage ctx={pageContext(c, config.timeZone)} board={board} values={{ title: '', body: '' }} errors={{}} upload={upload} />);
    }),
  );

  app.post(
    '/b/:slug/new',
    signedIn(async (c, viewer) => {
      const board = await port.boardBySlug(c.req.param('slug') ?? '');
      if (!board) return errorPage(c, config.timeZone, 404, 'error.notFound');
      const ctx = pageContext(c, config.timeZone);
      const body = await c.req.parseBody({ all: true });
      const title = requiredText(ctx.t, text(body, 'title'), 'form.title', 120);
      const content = requiredText(ctx.t, text(body, 'body'), 'form.body', 20_000);
      const imgs = await checkImages(ctx.t, files(body, 'images'), config.upload);
      const errors: FormErrors = { title: title.error, body: content.error, images: imgs.error };
      if (title.error || content.error || imgs.error) {
        return render(c, <NewTopicPage ctx={ctx} board={board} values={{ title: title.value, body: content.value }} errors={{ ...errors, form: ctx.t('form.fixErrors') }} upload={upload} />, 400);
      }
      if (!(await postingAllowed(viewer))) return errorPage(c, config.timeZone, 429, 'error.rateLimited');
      const r = await port.createTopic(viewer, { boardId: board.id, title: title.value, body: content.value, images: imgs.images });
      if (!r.ok) return failed(c, r.error);
      return c.redirect(`/forum/t/${r.topicId}?n=${r.status === 'visible' ? 'posted' : 'pending'}`, 303);
    }),
  );

  app.post(
    '/t/:id/reply',
    signedIn(async (c, viewer) => {
      const id = c.req.param('id');
      if (!isUuid(id)) return errorPage(c, config.timeZone, 404, 'error.notFound');
      const ctx = pageContext(c, config.timeZone);
      const body = await c.req.parseBody({ all: true });
      const content = requiredText(ctx.t, text(body, 'body'), 'form.body', 20_000);
      const imgs = await checkImages(ctx.t, files(body, 'images'), config.upload);
      if (content.error || imgs.error) return renderTopic(c, config, id, { draft: content.value, errors: { body: content.error, images: imgs.error, form: ctx.t('form.fixErrors') }, status: 400 });
      if (!(await postingAllowed(viewer))) return errorPage(c, config.timeZone, 429, 'error.rateLimited');
      const r = await port.reply(viewer, { topicId: id, body: content.value, images: imgs.images });
      if (!r.ok) return failed(c, r.error);
      return c.redirect(`/forum/t/${id}/p/${r.postId}?n=${r.status === 'visible' ? 'posted' : 'pending'}`, 303);
    }),
  );

  app.post(
    '/p/:id/flag',
    signedIn(async (c, viewer) => {
      const id = c.req.param('id');
      if (!isUuid(id)) return errorPage(c, config.timeZone, 404, 'error.notFound');
      const body = await c.req.parseBody();
      const reason = text(body, 'reason');
      if (!isFlagReason(reason)) return errorPage(c, config.timeZone, 400, 'error.notFound');
      const detail = text(body, 'detail').trim().slice(0, 300);
      if (!(await postingAllowed(viewer))) return errorPage(c, config.timeZone, 429, 'error.rateLimited');
      const r = await port.flag(viewer, id, detail ? `${reason}: ${detail}` : reason);
      if (!r.ok) return failed(c, r.error);
      return c.redirect(`/forum/t/${r.topicId}/p/${id}?n=flagged`, 303);
    }),
  );

  return app;
}
