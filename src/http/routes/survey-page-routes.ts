/**
 * The owner's survey page behind the link in email and forum survey messages. GET only shows
 * the form (link scanners and prefetchers may fetch it); POST records. No session or cookie is
 * involved — the signed token in the path is the only credential — so a cross-site form
 * cannot act with borrowed authority; the page refuses framing and leaks no token in Referer.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PublicLinks, ServiceDeps } from '../../services/ports.js';
import { submitSurveyPage, surveyPageState, type SurveySubmitResult } from '../../services/tickets/survey-web.js';
import { pickLang, surveyFormPage, surveyNoticePage, type SurveyLang } from '../survey-page-html.js';

const MAX_COMMENT = 2000;

function html(c: Context, body: string, status: ContentfulStatusCode) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  return c.html(body, status);
}

function notice(c: Context, lang: SurveyLang, state: Exclude<SurveySubmitResult, { status: 'open' }>, answeredStatus: ContentfulStatusCode) {
  switch (state.status) {
    case 'recorded':
      return html(c, surveyNoticePage(lang, { kind: 'recorded', ticketNumber: state.ticketNumber, outcome: state.outcome }), 200);
    case 'answered':
      return html(c, surveyNoticePage(lang, { kind: 'answered', ticketNumber: state.ticketNumber }), answeredStatus);
    case 'closed':
      return html(c, surveyNoticePage(lang, { kind: 'closed', ticketNumber: state.ticketNumber }), 410);
    case 'expired':
      return html(c, surveyNoticePage(lang, { kind: 'expired' }), 410);
    case 'invalid':
      return html(c, surveyNoticePage(lang, { kind: 'invalid' }), 404);
  }
}

export function surveyPageRoutes(services: ServiceDeps & { publicLinks: PublicLinks }) {
  const app = new Hono();
  const secret = services.publicLinks.secret;
  const langOf = (c: Context) => pickLang(c.req.query('lang'), c.req.header('accept-language'));

  app.get('/survey/:token', async (c) => {
    const lang = langOf(c);
    const token = c.req.param('token');
    const state = await surveyPageState(services, secret, token);
    if (state.status === 'open') return html(c, surveyFormPage(lang, state.ticketNumber, `/survey/${token}`), 200);
    return notice(c, lang, state, 200);
  });

  app.post('/survey/:token', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('form too large', 413) }), async (c) => {
    const lang = langOf(c);
    const token = c.req.param('token');
    const form = await c.req.parseBody();
    const score = typeof form.score === 'string' && /^[1-5]$/.test(form.score) ? Number(form.score) : null;
    const solved = form.solved === 'no' ? false : form.solved === 'yes' || form.solved === undefined ? true : null;
    const comment = typeof form.comment === 'string' ? form.comment.trim().slice(0, MAX_COMMENT) : '';
    if (score === null || solved === null) {
      // Bad input stores nothing; a valid token gets its form back with the reason.
      const state = await surveyPageState(services, secret, token);
      if (state.status !== 'open') return notice(c, lang, state, 409);
      return html(c, surveyFormPage(lang, state.ticketNumber, `/survey/${token}`, 'score'), 400);
    }
    const result = await submitSurveyPage(services, secret, token, { score, solved, comment: comment || null });
    if (result.status === 'open') throw new Error('survey answer neither recorded nor refused');
    return notice(c, lang, result, 409);
  });

  return app;
}
