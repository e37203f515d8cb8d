/**
 * Mail HTML is hostile input: it is sanitized here, once, before any browser sees it, with
 * sanitize-html (a maintained allow-list sanitizer, not regexes). What survives is inert
 * markup: no scripts, styles sheets, frames, forms or event handlers, no javascript:/data:
 * links, and nothing that loads from the network until an agent asks for it (remote images
 * keep their address in `data-remote-src`; CSS url() and legacy `background=` are dropped).
 *
 * `htmlToText` derives the shown text of HTML-only mail from the *sanitized* markup.
 */
import sanitizeHtml from 'sanitize-html';
import { OUTLOOK_RULE_LENGTH } from './reply-markers.js';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

/** An inline (cid:) image the HTML may reference, as found among the mail's parts. */
export interface InlineImage {
  contentType: string;
  content: Buffer;
}

export interface SanitizeOptions {
  /** Inline parts by Content-ID (without angle brackets). */
  inlineImages?: ReadonlyMap<string, InlineImage>;
  /** Larger inline images are not embedded (the UI fetches them as attachments). */
  maxInlineImageBytes?: number;
}

/** Raster types a browser shows in <img> without running anything (no SVG: it can script). */
const EMBEDDABLE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/gif', 'image/webp', 'image/bmp']);

const DEFAULT_MAX_INLINE_IMAGE_BYTES = 512 * 1024;

const ALLOWED_TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  'img',
  'font',
  'center',
  'del',
  'ins',
  'strike',
  'big',
  'tt',
];

/**
 * Tags whose text content is dropped along with the tag. Outlook wraps its conditional
 * comments and VML in <xml>; <title>/<head> text is not part of the message.
 */
const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'xml', 'template', 'iframe', 'object', 'embed', 'applet', 'select', 'svg', 'math'];

/** Style values may not call functions (url(), expression(), image-set() …) except colours. */
const SAFE_STYLE_VALUE = /^(?:[-#\p{L}\p{N}_\s.,%'"!/]|rgba?\(\s*[\d.\s,%]+\))*$/iu;
const STYLE_PROPERTIES = [
  'color',
  'background-color',
  'font-weight',
  'font-style',
  'font-size',
  'font-family',
  'text-align',
  'text-decoration',
  'text-indent',
  'line-height',
  'white-space',
  'vertical-align',
  'direction',
  'margin',
  'margin-top',
  'margin-bottom',
  'margin-left',
  'margin-right',
  'padding',
  'padding-top',
  'padding-bottom',
  'padding-left',
  'padding-right',
  'border',
  'border-top',
  'border-bottom',
  'border-left',
  'border-right',
  'border-color',
  'border-style',
  'border-width',
  'border-collapse',
  'width',
  'max-width',
  'height',
  'display',
];
const ALLOWED_STYLES: Record<string, RegExp[]> = Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [SAFE_STYLE_VALUE]]));

const GLOBAL_ATTRIBUTES = ['dir', 'lang', 'title', 'style', 'align'];
const TABLE_ATTRIBUTES = ['width', 'height', 'valign', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'colspan', 'rowspan'];

const ALLOWED_ATTRIBUTES: Record<string, sanitizeHtml.AllowedAttribute[]> = {
  '*': GLOBAL_ATTRIBUTES,
  a: ['href', 'target', 'rel'],
  img: ['src', 'alt', 'width', 'height', 'data-remote-src', 'data-cid'],
  font: ['color', 'size', 'face'],
  table: TABLE_ATTRIBUTES,
  td: TABLE_ATTRIBUTES,
  th: TABLE_ATTRIBUTES,
  tr: TABLE_ATTRIBUTES,
  col: ['span', 'width'],
  colgroup: ['span', 'width'],
  ol: ['start', 'type'],
  li: ['value'],
  // Quote containers keep their class so the UI can fold quoted history (gmail_quote …).
  div: ['class'],
  blockquote: ['class', 'type'],
  span: ['class'],
};

/** http(s) or protocol-relative: the only remote sources kept (for loading on request). */
function isRemote(url: string): boolean {
  return /^(https?:)?\/\/[^\s/]/i.test(url);
}

function imageTransformer(options: SanitizeOptions): sanitizeHtml.Transformer {
  const maxBytes = options.maxInlineImageBytes ?? DEFAULT_MAX_INLINE_IMAGE_BYTES;
  return (_tagName, attribs) => {
    const out: sanitizeHtml.Attributes = {};
    for (const name of ['alt', 'width', 'height', 'title', 'style']) {
      const value = attribs[name];
      if (value !== undefined) out[name] = value;
    }
    const src = (attribs.src ?? '').trim();
    if (/^cid:/i.test(src)) {
      const cid = src.slice(4).replace(/^<|>$/g, '');
      out['data-cid'] = cid;
      const image = options.inlineImages?.get(cid);
      // The only data: URIs that survive are the ones we build here from the mail's own
      // inline parts; data: URIs written by the sender are dropped below.
      if (image && EMBEDDABLE_IMAGE_TYPES.has(image.contentType.toLowerCase()) && image.content.length <= maxBytes) {
        out.src = `data:${image.contentType.toLowerCase()};base64,${image.content.toString('base64')}`;
      }
    } else if (isRemote(src)) {
      // Loading it would tell the sender when and where the mail was read (tracking pixels).
      out['data-remote-src'] = src.startsWith('//') ? `https:${src}` : src;
    }
    return { tagName: 'img', attribs: out };
  };
}

const linkTransformer: sanitizeHtml.Transformer = (_tagName, attribs) => {
  const out: sanitizeHtml.Attributes = {};
  if (attribs.href !== undefined) out.href = attribs.href.trim();
  if (attribs.title !== undefined) out.title = attribs.title;
  if (attribs.style !== undefined) out.style = attribs.style;
  // Links open outside the app and must not get a handle on it (window.opener) or a referrer.
  out.target = '_blank';
  out.rel = 'noopener noreferrer';
  return { tagName: 'a', attribs: out };
};

/**
 * Outlook opens the quoted history with `<div id="divRplyFwdMsg">`; ids are not kept, so the
 * mark becomes a class that htmlToText (and the UI's folding) can still see.
 */
export const REPLY_HISTORY_CLASS = 'divRplyFwdMsg';
const replyHistoryMarker: sanitizeHtml.Transformer = (tagName, attribs) => {
  if (attribs.id !== REPLY_HISTORY_CLASS) return { tagName, attribs };
  const classes = (attribs.class ?? '').split(/\s+/).filter((c) => c !== '' && c !== REPLY_HISTORY_CLASS);
  return { tagName, attribs: { ...attribs, class: [...classes, REPLY_HISTORY_CLASS].join(' ') } };
};

/** Sanitize one mail's HTML body. The result is safe to put into the agent's page as is. */
export function sanitizeEmailHtml(html: string, options: SanitizeOptions = {}): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: ALLOWED_ATTRIBUTES,
    allowedStyles: { '*': ALLOWED_STYLES },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    // Only our own cid → data: images; every remote src was moved to data-remote-src.
    allowedSchemesByTag: { img: ['data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    enforceHtmlBoundary: false,
    transformTags: { img: imageTransformer(options), a: linkTransformer, div: replyHistoryMarker },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src && !frame.attribs['data-remote-src'] && !frame.attribs['data-cid'],
  });
}

// ---------------------------------------------------------------------------------------
// HTML → text

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul', 'caption', 'body', 'html',
]);
const PARAGRAPH_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'dl', 'pre', 'blockquote']);
const SKIP_TAGS = new Set(['script', 'style', 'head', 'title', 'xml', 'template', 'noscript']);

/** Collects text with explicit "line break wanted" markers so blocks don't pile up blank lines. */
class TextBuilder {
  private lines: string[] = [''];
  private pendingBreaks = 0;

  /** Append text; outside <pre>, whitespace at the start of a line is dropped. */
  text(s: string, verbatim = false): void {
    if (s === '') return;
    if (this.pendingBreaks > 0) this.flushBreaks();
    const index = this.lines.length - 1;
    const current = this.lines[index] ?? '';
    // Collapse the space between two pieces, and drop it at the start of a line.
    const piece = !verbatim && (current.trim() === '' || /\s$/.test(current)) ? s.replace(/^\s+/, '') : s;
    if (piece === '') return;
    this.lines[index] = current + piece;
  }

  /** Ask for at least `n` line breaks before the next text (1 = new line, 2 = blank line). */
  breakLines(n: number): void {
    const current = this.lines[this.lines.length - 1] ?? '';
    if (current.trim() === '' && this.lines.length === 1) return; // nothing written yet
    this.pendingBreaks = Math.max(this.pendingBreaks, n);
  }

  hardBreak(): void {
    if (this.pendingBreaks > 0) this.flushBreaks();
    this.lines.push('');
  }

  private flushBreaks(): void {
    const current = this.lines[this.lines.length - 1] ?? '';
    const needed = current.trim() === '' ? this.pendingBreaks - 1 : this.pendingBreaks;
    for (let i = 0; i < needed; i++) this.lines.push('');
    this.pendingBreaks = 0;
  }

  toString(): string {
    return this.lines
      .map((l) => l.replace(/[ \t\u00a0]+$/g, ''))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  }
}

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** HTML whitespace rules: any run of spaces, tabs, newlines (and &nbsp;) shows as one space. */
function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ');
}

function linkSuffix(el: Element, label: string): string {
  const href = (el.attribs.href ?? '').trim();
  if (!href) return '';
  const target = href.replace(/^mailto:/i, '');
  if (!/^(https?:|mailto:)/i.test(href)) return '';
  const plainLabel = label.replace(/\s+/g, '');
  if (plainLabel === '' || plainLabel.includes(target.replace(/\s+/g, '')) || target.includes(plainLabel)) return '';
  return ` (${target})`;
}

/** Render inline content of a subtree to one string (used to label links). */
function innerText(nodes: ChildNode[]): string {
  let s = '';
  for (const node of nodes) {
    if (node.type === 'text') s += node.data;
    else if (isElement(node)) s += innerText(node.children);
  }
  return s;
}

interface WalkContext {
  pre: boolean;
  list: Array<{ ordered: boolean; n: number }>;
}

const HISTORY_RULE = '_'.repeat(OUTLOOK_RULE_LENGTH);

function walk(nodes: ChildNode[], out: TextBuilder, ctx: WalkContext): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      out.text(ctx.pre ? node.data : collapse(node.data), ctx.pre);
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.name.toLowerCase();
    if (SKIP_TAGS.has(tag)) continue;

    if (tag === 'br') {
      out.hardBreak();
      continue;
    }
    if (tag === 'img') {
      const alt = (node.attribs.alt ?? '').trim();
      if (alt) out.text(`[${alt}]`);
      continue;
    }
    if (tag === 'a') {
      const label = innerText(node.children);
      walk(node.children, out, ctx);
      out.text(linkSuffix(node, label));
      continue;
    }
    if (tag === 'td' || tag === 'th') {
      walk(node.children, out, ctx);
      out.text('  ');
      continue;
    }
    if (tag === 'li') {
      out.breakLines(1);
      const list = ctx.list[ctx.list.length - 1];
      const indent = '  '.repeat(Math.max(0, ctx.list.length - 1));
      if (list?.ordered) {
        list.n += 1;
        out.text(`${indent}${list.n}. `, true);
      } else {
        out.text(`${indent}• `, true);
      }
      walk(node.children, out, ctx);
      out.breakLines(1);
      continue;
    }
    if (tag === 'blockquote') {
      // Quoted history becomes "> " lines, the plain-text convention reply trimming knows.
      out.breakLines(2);
      const inner = new TextBuilder();
      walk(node.children, inner, { pre: ctx.pre, list: [] });
      const quoted = inner
        .toString()
        .split('\n')
        .map((l) => (l === '' ? '>' : `> ${l}`))
        .join('\n');
      for (const [i, line] of quoted.split('\n').entries()) {
        if (i > 0) out.hardBreak();
        out.text(line, true);
      }
      out.breakLines(2);
      continue;
    }
    if (tag === 'hr' || (tag === 'div' && (node.attribs.class ?? '').split(/\s+/).includes(REPLY_HISTORY_CLASS))) {
      // The rule line Outlook writes in its own plain text: reply trimming cuts the history
      // below an <hr> or Outlook's reply header there.
      out.breakLines(2);
      out.text(HISTORY_RULE, true);
      out.breakLines(2);
      if (tag === 'hr') continue;
    }

    const isBlock = BLOCK_TAGS.has(tag);
    const nestedList = (tag === 'ul' || tag === 'ol') && ctx.list.length > 0;
    const gap = PARAGRAPH_TAGS.has(tag) && !nestedList ? 2 : 1;
    if (isBlock) out.breakLines(gap);
    if (tag === 'ul' || tag === 'ol') {
      const start = Number(node.attribs.start ?? '1');
      ctx.list.push({ ordered: tag === 'ol', n: Number.isFinite(start) ? start - 1 : 0 });
      walk(node.children, out, ctx);
      ctx.list.pop();
    } else if (tag === 'pre') {
      walk(node.children, out, { ...ctx, pre: true });
    } else {
      walk(node.children, out, ctx);
    }
    if (isBlock) out.breakLines(gap);
  }
}

/**
 * Plain text of (sanitized) HTML: block elements become line breaks, <br> a break, list items
 * "• "/"1. " lines, table cells are spaced, blockquotes become "> " lines, entities decoded.
 */
export function htmlToText(html: string): string {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const out = new TextBuilder();
  walk(document.children, out, { pre: false, list: [] });
  return out.toString();
}
