/** @jsxImportSource hono/jsx */
/** Turning a request into a page: the page context, HTML responses, and the error pages. */
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PageContext, ForumContext } from './context.js';
import type { ForumMessageKey } from './i18n/index.js';
import { MessagePage } from './pages/auth.js';

const NOTICES: Record<string, ForumMessageKey> = {
  posted: 'notice.posted',
  pending: 'notice.pending',
  flagged: 'notice.flagged',
  sent: 'notice.sent',
  saved: 'notice.saved',
  unitPending: 'notice.unitPending',
  verified: 'notice.verified',
  passwordReset: 'notice.passwordReset',
  loggedOut: 'notice.loggedOut',
};

export function pageContext(c: ForumContext, timeZone: string): PageContext {
  const t = c.get('t');
  const locale = c.get('locale');
  // Only known notice keys are shown: the query string never puts text on the page.
  const key = c.req.query('n');
  const fmt = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  return {
    t,
    locale,
    viewer: c.get('viewer'),
    csrf: c.get('csrf'),
    path: c.get('path'),
    notice: key && NOTICES[key] ? t(NOTICES[key]) : null,
    time: (d) => fmt.format(d),
  };
}

export async function render(c: ForumContext, node: Child, status: ContentfulStatusCode = 200): Promise<Response> {
  const html = await Promise.resolve(node as unknown as string | Promise<string>);
  return c.html(`<!DOCTYPE html>${String(html)}`, status);
}

export function errorPage(c: ForumContext, timeZone: string, status: ContentfulStatusCode, message: ForumMessageKey): Promise<Response> {
  const ctx = pageContext(c, timeZone);
  return render(c, <MessagePage ctx={ctx} title={ctx.t('error.title')} message={ctx.t(message)} tone="error" status={status} />, status);
}
