/** @jsxImportSource hono/jsx */
/** An owner's own pages: "my topics", private messages with the service center, account settings. */
import { Hono } from 'hono';
import { pageCount, paging } from '../../../src/domain/forum/paging.js';
import type { ForumEnv, ForumWebConfig } from './context.js';
import { requiredText, text } from './forms.js';
import { AccountPage, MessagesPage, MyTopicsPage } from './pages/owner.js';
import { errorPage, pageContext, render } from './render.js';
import { isUuid, PAGE_SIZE } from './routes-read.js';
import { signedIn } from './routes-write.js';

export function ownerRoutes(config: ForumWebConfig) {
  const app = new Hono<ForumEnv>();
  const { port } = config;

  app.get(
    '/my',
    signedIn(async (c, viewer) => {
      const p = paging(c.req.query('page'), PAGE_SIZE);
      const { topics, total } = await port.myTopics(viewer.accountId, { offset: p.offset, limit: PAGE_SIZE });
      return render(c, <MyTopicsPage ctx={pageContext(c, config.timeZone)} topics={topics} page={p.page} pages={pageCount(total, PAGE_SIZE)} />);
    }),
  );

  app.get(
    '/messages',
    signedIn(async (c, viewer) => render(c, <MessagesPage ctx={pageContext(c, config.timeZone)} threads={await port.privateThreads(viewer.accountId)} />)),
  );

  app.post(
    '/messages',
    signedIn(async (c, viewer) => {
      const ctx = pageContext(c, config.timeZone);
      const body = await c.req.parseBody();
      const content = requiredText(ctx.t, text(body, 'body'), 'messages.body', 5000);
      if (content.error) return render(c, <MessagesPage ctx={ctx} threads={await port.privateThreads(viewer.accountId)} error={content.error} />, 400);
      const conversationId = text(body, 'conversationId');
      if (conversationId && !isUuid(conversationId)) return errorPage(c, config.timeZone, 404, 'error.notFound');
      if (!(await port.hitRateLimit(`post:${viewer.accountId}`, config.limits.postsPer10Min, 600))) return errorPage(c, config.timeZone, 429, 'error.rateLimited');
      const r = await port.sendPrivate(viewer, { body: content.value, conversationId: conversationId || null });
      if (!r.ok) return errorPage(c, config.timeZone, 404, 'error.notFound');
      return c.redirect('/forum/messages?n=sent', 303);
    }),
  );

  app.get('/account', signedIn(async (c, viewer) => render(c, <AccountPage ctx={pageContext(c, config.timeZone)} viewer={viewer} />)));

  app.post(
    '/account/unit',
    signedIn(async (c, viewer) => {
      const ctx = pageContext(c, config.timeZone);
      const unit = requiredText(ctx.t, text(await c.req.parseBody(), 'unit'), 'account.unit', 60);
      if (unit.error) return render(c, <AccountPage ctx={ctx} viewer={viewer} error={unit.error} />, 400);
      await port.setUnitClaim(viewer.accountId, unit.value);
      return c.redirect('/forum/account?n=unitPending', 303);
    }),
  );

  app.post(
    '/account/notifications',
    signedIn(async (c, viewer) => {
      await port.setNotifications(viewer.accountId, text(await c.req.parseBody(), 'on') === 'true');
      return c.redirect('/forum/account?n=saved', 303);
    }),
  );

  return app;
}
