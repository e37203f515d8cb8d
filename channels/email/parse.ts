/**
 * Raw RFC 5322 bytes → a ParsedEmail: decoded (any charset mailparser/iconv-lite knows:
 * GB2312/GBK/GB18030, Big5, ISO-2022-JP …), with the HTML already sanitized, the shown text
 * derived from the sanitized HTML for HTML-only mail, attachments measured against the size
 * limit, and the raw header values that auto-reply and bounce detection need.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type Attachment as MailparserAttachment, type HeaderLines } from 'mailparser';
import { relabelInvalidUtf8, type CharsetFallback } from './charset-fallback.js';
import { htmlToText, sanitizeEmailHtml, type InlineImage } from './sanitize.js';

export interface EmailAddress {
  /** As written (display); compare with `address.toLowerCase()`. */
  address: string;
  name: string;
}

/** Lower-case header name → every occurrence's unfolded raw value, in order. */
export type EmailHeaders = Readonly<Record<string, readonly string[]>>;

export interface ParsedAttachment {
  fileName?: string;
  mimeType: string;
  size: number;
  /** Content-ID without angle brackets, for cid: references from the HTML. */
  contentId?: string;
  /** Shown in the body (inline disposition or part of multipart/related), not a file. */
  inline: boolean;
  checksum: string;
  /** The decoded bytes; absent when the part was over the limit. */
  content?: Buffer;
  skipped?: 'too large';
}

export interface ParsedEmail {
  /** With angle brackets, e.g. `<abc@example.com>`; absent if the mail has none. */
  messageId?: string;
  inReplyTo?: string;
  /** Oldest first, as in the header. */
  references: string[];
  from?: EmailAddress;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  /** Delivered-To / X-Original-To addresses (where a plus-address token survives). */
  deliveredTo: string[];
  subject: string;
  /** The Date header, else the newest Received timestamp. */
  date?: Date;
  /** The full plain text (the text part, or derived from the sanitized HTML). */
  text: string;
  textSource: 'plain' | 'html' | 'none';
  /** Sanitized HTML, safe to render. */
  html?: string;
  attachments: ParsedAttachment[];
  headers: EmailHeaders;
  /** The root MIME type in lower case, e.g. `multipart/report`. */
  mimeType: string;
  /** Parameters of the root Content-Type (lower-case names), e.g. `report-type`. */
  mimeParams: Readonly<Record<string, string>>;
  /** A DSN's message/delivery-status part, verbatim. */
  deliveryStatus?: string;
  /** A DSN's returned message headers (message/rfc822 or text/rfc822-headers part). */
  returnedHeaders?: string;
  /** Text parts labelled UTF-8 that were not, decoded in the charset they were really in. */
  charsetFallbacks: CharsetFallback[];
  /** sha256 of the raw source (hex): stable identity for mail without a Message-ID. */
  sourceHash: string;
  size: number;
}

export interface ParseEmailOptions {
  inboxId: string;
  maxAttachmentBytes: number;
}

/** Report parts are data for bounce handling, not files the owner sent. */
const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'text/rfc822-headers', 'message/rfc822-headers', 'message/disposition-notification']);
const MAX_INLINE_IMAGE_BYTES = 512 * 1024;

function unfold(line: string): string {
  const colon = line.indexOf(':');
  return (colon === -1 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim();
}

function collectHeaders(lines: HeaderLines): EmailHeaders {
  const out: Record<string, string[]> = {};
  for (const { key, line } of lines) {
    const name = key.toLowerCase();
    (out[name] ??= []).push(unfold(line));
  }
  return out;
}

/** Every `<id>` in a header value (In-Reply-To may carry several, References many). */
export function messageIdsIn(value: string | undefined): string[] {
  if (!value) return [];
  const ids = value.match(/<[^<>\s]+>/g);
  if (ids) return ids;
  // Some senders omit the brackets around a lone id.
  const bare = value.trim();
  return /^[^\s<>@]+@[^\s<>@]+$/.test(bare) ? [`<${bare}>`] : [];
}

function addresses(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const out: EmailAddress[] = [];
  const visit = (list: AddressObject['value']): void => {
    for (const entry of list) {
      if (entry.group) visit(entry.group);
      else if (entry.address) out.push({ address: entry.address.trim(), name: (entry.name ?? '').trim() });
    }
  };
  for (const object of value === undefined ? [] : Array.isArray(value) ? value : [value]) visit(object.value);
  return out;
}

function receivedDate(headers: EmailHeaders): Date | undefined {
  const newest = headers.received?.[0];
  const when = newest?.slice(newest.lastIndexOf(';') + 1).trim();
  if (!when) return undefined;
  const date = new Date(when);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Root Content-Type params; mailparser gives `{ value, params }` for structured headers. */
function rootContentType(value: unknown): { mimeType: string; params: Record<string, string> } {
  if (typeof value === 'object' && value !== null && 'value' in value) {
    const v = (value as { value: unknown }).value;
    const p = 'params' in value ? (value as { params: unknown }).params : undefined;
    const params: Record<string, string> = {};
    if (typeof p === 'object' && p !== null) {
      for (const [k, val] of Object.entries(p)) if (typeof val === 'string') params[k.toLowerCase()] = val;
    }
    return { mimeType: typeof v === 'string' ? v.toLowerCase() : 'text/plain', params };
  }
  return { mimeType: 'text/plain', params: {} };
}

// --- multipart/report: the two parts bounce handling reads ---------------------------------

interface MimePart {
  headers: Record<string, string>;
  body: string; // latin1 "bytes"
}

function splitPart(raw: string): MimePart {
  const match = /\r?\n\r?\n/.exec(raw);
  const head = match ? raw.slice(0, match.index) : raw;
  const body = match ? raw.slice(match.index + match[0].length) : '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function boundaryOf(contentType: string): string | undefined {
  return /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(contentType)?.slice(1).find((b) => b !== undefined);
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers['content-transfer-encoding'] ?? '').toLowerCase();
  let bytes: Buffer;
  if (encoding === 'base64') bytes = Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') {
    const text = part.body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    bytes = Buffer.from(text, 'latin1');
  } else bytes = Buffer.from(part.body, 'latin1');
  return bytes.toString('utf8');
}

function reportParts(body: string, boundary: string, depth = 0): { deliveryStatus?: string; returnedHeaders?: string } {
  const out: { deliveryStatus?: string; returnedHeaders?: string } = {};
  const delimiter = `--${boundary}`;
  const chunks = body.split(new RegExp(`(?:^|\\r?\\n)${delimiter.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:--)?[ \\t]*(?:\\r?\\n|$)`));
  for (const chunk of chunks.slice(1)) {
    const part = splitPart(chunk);
    const type = (part.headers['content-type'] ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type.startsWith('multipart/') && depth < 3) {
      const inner = boundaryOf(part.headers['content-type'] ?? '');
      if (inner) Object.assign(out, { ...reportParts(part.body, inner, depth + 1), ...out });
    } else if (type === 'message/delivery-status' || type === 'message/global-delivery-status') {
      out.deliveryStatus ??= decodeBody(part).trim();
    } else if (['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/rfc822-headers'].includes(type)) {
      const returned = decodeBody(part);
      const end = /\r?\n\r?\n/.exec(returned);
      out.returnedHeaders ??= (end ? returned.slice(0, end.index) : returned).trim();
    }
  }
  return out;
}

// -------------------------------------------------------------------------------------------

function toAttachment(a: MailparserAttachment, maxBytes: number): ParsedAttachment {
  const size = a.size || a.content.length;
  const tooLarge = size > maxBytes;
  return {
    fileName: a.filename,
    mimeType: a.contentType.toLowerCase(),
    size,
    contentId: a.cid,
    inline: a.related === true || a.contentDisposition === 'inline',
    checksum: a.checksum,
    ...(tooLarge ? { skipped: 'too large' as const } : { content: a.content }),
  };
}

export async function parseEmail(source: Buffer, opts: ParseEmailOptions): Promise<ParsedEmail> {
  // Mislabelled text parts are relabelled in a copy; hash and size stay those of `source`.
  const relabelled = relabelInvalidUtf8(source);
  const mail = await simpleParser(relabelled.source, {
    // We sanitize ourselves and resolve cid: images against the size limit.
    keepCidLinks: true,
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    // Keep message/delivery-status out of the text; bounce handling reads it separately.
    keepDeliveryStatus: true,
  });

  const headers = collectHeaders(mail.headerLines);
  const { mimeType, params } = rootContentType(mail.headers.get('content-type'));

  const attachments = mail.attachments
    .filter((a) => !REPORT_TYPES.has(a.contentType.toLowerCase()))
    .map((a) => toAttachment(a, opts.maxAttachmentBytes));

  const inlineImages = new Map<string, InlineImage>();
  for (const a of attachments) {
    if (a.contentId && a.content && a.mimeType.startsWith('image/')) {
      inlineImages.set(a.contentId, { contentType: a.mimeType, content: a.content });
    }
  }

  const html =
    typeof mail.html === 'string' && mail.html.trim() !== ''
      ? sanitizeEmailHtml(mail.html, { inlineImages, maxInlineImageBytes: Math.min(MAX_INLINE_IMAGE_BYTES, opts.maxAttachmentBytes) })
      : undefined;

  const plain = (mail.text ?? '').trim() === '' ? '' : (mail.text ?? '');
  const derived = plain === '' && html !== undefined ? htmlToText(html) : '';
  const text = plain !== '' ? plain : derived;

  const report =
    mimeType === 'multipart/report' && params.boundary
      ? reportParts(source.toString('latin1'), params.boundary)
      : {};

  const from = addresses(mail.from)[0];
  const inReplyTo = messageIdsIn(headers['in-reply-to']?.[0])[0];
  const references = [...new Set((headers.references ?? []).flatMap((v) => messageIdsIn(v)))];
  const messageId = messageIdsIn(headers['message-id']?.[0])[0];

  return {
    messageId,
    inReplyTo,
    references,
    from,
    replyTo: addresses(mail.replyTo),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    deliveredTo: [...(headers['delivered-to'] ?? []), ...(headers['x-original-to'] ?? [])]
      .flatMap((v) => v.split(','))
      .map((v) => v.replace(/[<>]/g, '').trim())
      .filter((v) => v !== ''),
    subject: (mail.subject ?? '').trim(),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : receivedDate(headers),
    text,
    textSource: plain !== '' ? 'plain' : derived !== '' ? 'html' : 'none',
    html,
    attachments,
    headers,
    mimeType,
    mimeParams: params,
    ...report,
    charsetFallbacks: relabelled.fallbacks,
    sourceHash: createHash('sha256').update(source).digest('hex'),
    size: source.length,
  };
}
