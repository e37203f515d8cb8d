/**
 * The owner's survey page as plain HTML strings: no JavaScript, no external assets, every
 * interpolated value escaped. zh-CN by default, English on request.
 */
import type { SurveyOutcome } from '../domain/tickets/index.js';

export type SurveyLang = 'zh-CN' | 'en';

const TEXT = {
  'zh-CN': {
    title: '服务满意度评价',
    intro: (n: string) => `工单 ${n} 已处理完毕，请为本次服务打分。`,
    score: '评分（1 分最差，5 分最满意）',
    solved: '问题是否已解决？',
    yes: '已解决',
    no: '未解决',
    comment: '补充意见（可选）',
    submit: '提交评价',
    other: 'English',
    thanks: '感谢您的评价！',
    thanksBody: (n: string) => `您对工单 ${n} 的评价已记录。`,
    reopened: (n: string) => `很抱歉未能让您满意。工单 ${n} 已重新处理，客服主管将跟进。`,
    answered: '您已评价过',
    answeredBody: (n: string) => `工单 ${n} 的评价已记录，无需再次提交。`,
    closed: '评价已结束',
    closedBody: (n: string) => `工单 ${n} 已关闭。如仍有问题，请直接回复我们的消息。`,
    invalid: '链接无效',
    invalidBody: '此评价链接无效。请使用消息中的完整链接。',
    expired: '链接已过期',
    expiredBody: '此评价链接已过期。如有意见，请直接回复我们的消息。',
    pickScore: '请选择 1–5 分。',
  },
  en: {
    title: 'How did we do?',
    intro: (n: string) => `Ticket ${n} has been resolved. Please rate our service.`,
    score: 'Score (1 poor – 5 excellent)',
    solved: 'Is the problem solved?',
    yes: 'Solved',
    no: 'Not solved',
    comment: 'Comment (optional)',
    submit: 'Send rating',
    other: '中文',
    thanks: 'Thank you for your rating!',
    thanksBody: (n: string) => `Your rating of ticket ${n} has been recorded.`,
    reopened: (n: string) => `We are sorry. Ticket ${n} has been reopened and a supervisor will follow up.`,
    answered: 'Already recorded',
    answeredBody: (n: string) => `Your rating of ticket ${n} was already recorded; there is nothing more to send.`,
    closed: 'Survey closed',
    closedBody: (n: string) => `Ticket ${n} has been closed. If something is still wrong, reply to our message.`,
    invalid: 'Invalid link',
    invalidBody: 'This survey link is not valid. Please use the complete link from our message.',
    expired: 'Link expired',
    expiredBody: 'This survey link has expired. If you have feedback, reply to our message.',
    pickScore: 'Please choose a score from 1 to 5.',
  },
} as const;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** `?lang=` wins, then the browser's first preference; Chinese otherwise. */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): SurveyLang {
  if (query === 'en' || query === 'zh-CN') return query;
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

function page(lang: SurveyLang, heading: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(heading)} · 汇信</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#222}
fieldset{border:1px solid #ccc;border-radius:6px;margin:1rem 0}label{margin-right:1rem;display:inline-block}
textarea{width:100%;box-sizing:border-box}button{font:inherit;padding:.5rem 1.2rem}.err{color:#b00020}</style></head>
<body><main><h1>${escapeHtml(heading)}</h1>${body}</main></body></html>`;
}

export function surveyFormPage(lang: SurveyLang, ticketNumber: string, action: string, error?: 'score'): string {
  const t = TEXT[lang];
  const scores = [1, 2, 3, 4, 5].map((n) => `<label><input type="radio" name="score" value="${n}" required> ${n}</label>`).join('');
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return page(
    lang,
    t.title,
    `<p>${escapeHtml(t.intro(ticketNumber))}</p>${error ? `<p class="err" role="alert">${escapeHtml(t.pickScore)}</p>` : ''}
<form method="post" action="${escapeHtml(`${action}?lang=${lang}`)}">
<fieldset><legend>${escapeHtml(t.score)}</legend>${scores}</fieldset>
<fieldset><legend>${escapeHtml(t.solved)}</legend>
<label><input type="radio" name="solved" value="yes" checked> ${escapeHtml(t.yes)}</label>
<label><input type="radio" name="solved" value="no"> ${escapeHtml(t.no)}</label></fieldset>
<p><label for="comment">${escapeHtml(t.comment)}</label><textarea id="comment" name="comment" rows="4" maxlength="2000"></textarea></p>
<p><button type="submit">${escapeHtml(t.submit)}</button></p></form>
<p><a href="${escapeHtml(`${action}?lang=${other}`)}">${escapeHtml(t.other)}</a></p>`,
  );
}

export type SurveyNotice =
  | { kind: 'recorded'; ticketNumber: string; outcome: SurveyOutcome }
  | { kind: 'answered' | 'closed'; ticketNumber: string }
  | { kind: 'invalid' | 'expired' };

export function surveyNoticePage(lang: SurveyLang, n: SurveyNotice): string {
  const t = TEXT[lang];
  switch (n.kind) {
    case 'recorded':
      return page(lang, t.thanks, `<p>${escapeHtml(n.outcome === 'reopen' ? t.reopened(n.ticketNumber) : t.thanksBody(n.ticketNumber))}</p>`);
    case 'answered':
      return page(lang, t.answered, `<p>${escapeHtml(t.answeredBody(n.ticketNumber))}</p>`);
    case 'closed':
      return page(lang, t.closed, `<p>${escapeHtml(t.closedBody(n.ticketNumber))}</p>`);
    case 'expired':
      return page(lang, t.expired, `<p>${escapeHtml(t.expiredBody)}</p>`);
    case 'invalid':
      return page(lang, t.invalid, `<p>${escapeHtml(t.invalidBody)}</p>`);
  }
}
