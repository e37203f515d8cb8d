/**
 * The forum's safe formatting subset: Markdown rendered by markdown-it with raw HTML off and
 * images off (pictures are uploads, checked by content), then passed through sanitize-html
 * with a short allow-list. A post full of script, event handlers or javascript: links comes
 * out as inert text. Pages also send a CSP without script-src, as a second wall.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.disable(['image', 'table', 'heading', 'lheading', 'hr', 'reference', 'html_block', 'html_inline']);

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    // Owners' links are not endorsements and must not reach back into this page.
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener noreferrer', target: '_blank' }),
  },
};

/** Markdown source to HTML that is safe to insert into a page as is. */
export function renderMarkdown(source: string): string {
  const html = md.render(source);
  return sanitizeHtml(html, { ...ALLOWED, allowedAttributes: { ...ALLOWED.allowedAttributes, a: ['href', 'rel', 'target'] } });
}

/** The source quoted for a reply: each line behind "> ", under a line naming the author. */
export function quoteMarkdown(author: string, source: string): string {
  // Quotes of quotes are dropped so a thread does not nest forever.
  const lines = source
    .split(/\r?\n/)
    .filter((l) => !l.startsWith('>'))
    .join('\n')
    .trim()
    .split('\n')
    .slice(0, 20);
  return `> **${author.replace(/[*_`[\]\\]/g, '\\$&')}**:\n${lines.map((l) => `> ${l}`).join('\n')}\n\n`;
}

export { excerpt } from '../../src/domain/forum/text.js';
