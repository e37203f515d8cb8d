/**
 * Text parts labelled UTF-8 (or US-ASCII, or not labelled at all) whose bytes are not valid
 * UTF-8: older Chinese clients write GBK under a UTF-8 label, western ones ISO-8859-1.
 * mailparser would decode them to replacement characters, so before it reads the mail we
 * find such parts (TextDecoder with fatal: true), pick the charset the bytes really are in,
 * and relabel the part's Content-Type in a copy of the source. The original source is
 * untouched (its hash is the mail's identity) and each relabelled part's raw bytes are
 * returned so intake can keep them.
 *
 * GB18030 (a superset of GB2312/GBK) is tried first and accepted when it decodes cleanly to
 * mostly CJK text — or, for a sender that looks Chinese (a .cn address, GB/Big5 encoded
 * headers), to some CJK text; Big5 first for .tw/.hk senders and Big5-labelled headers;
 * Windows-1252 (a superset of ISO-8859-1 that decodes every byte) otherwise.
 */

export type FallbackCharset = 'gb18030' | 'big5' | 'windows-1252';

export interface CharsetFallback {
  /** The part's MIME type, e.g. `text/plain`. */
  mimeType: string;
  /** The charset the part was labelled with, `''` when it had none. */
  declared: string;
  used: FallbackCharset;
  /** The part's bytes after transfer decoding, as they came. */
  raw: Buffer;
}

const MAX_DEPTH = 8;
const MAX_PARTS = 200;
const UTF8_LABELS = new Set(['', 'utf8', 'utf-8', 'us-ascii', 'ascii', 'usascii']);

interface Header {
  name: string;
  value: string;
}

function parseHeaders(block: string): Header[] {
  const out: Header[] = [];
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) out.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return out;
}

function param(value: string, name: string): string | undefined {
  const re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i');
  const m = re.exec(value);
  return m ? (m[1] ?? m[2] ?? '') : undefined;
}

function transferDecode(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const text = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(text, 'latin1');
  }
  return Buffer.from(body, 'latin1');
}

function decodes(bytes: Buffer, charset: string): string | null {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g;

/** Share of the non-ASCII characters that are CJK ideographs or CJK punctuation. */
function cjkShare(text: string): number {
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) nonAscii += 1;
  if (nonAscii === 0) return 0;
  return (text.match(CJK)?.length ?? 0) / nonAscii;
}

export interface SenderHints {
  chinese: boolean;
  traditional: boolean;
}

/** What the top-level headers say about the sender (raw header text, latin1). */
export function senderHints(rawHeaders: string): SenderHints {
  const from = /^from:(.*(?:\r?\n[ \t].*)*)/im.exec(rawHeaders)?.[1] ?? '';
  const domain = /@([^\s>"]+)/.exec(from)?.[1]?.toLowerCase() ?? '';
  const traditional = /\.(tw|hk|mo)$/.test(domain) || /=\?big5\?/i.test(rawHeaders);
  const chinese = traditional || /\.cn$/.test(domain) || /=\?(gb2312|gbk|gb18030)\?/i.test(rawHeaders) || /[\x80-\xff]/.test(rawHeaders);
  return { chinese, traditional };
}

export function chooseFallback(bytes: Buffer, hints: SenderHints): FallbackCharset {
  const order: ('gb18030' | 'big5')[] = hints.traditional ? ['big5', 'gb18030'] : ['gb18030', 'big5'];
  for (const charset of order) {
    const text = decodes(bytes, charset);
    if (text === null) continue;
    const share = cjkShare(text);
    if (share >= 0.9 || (hints.chinese && share >= 0.5)) return charset;
  }
  return 'windows-1252';
}

interface Edit {
  start: number;
  end: number;
  replacement: string;
}

interface Walk {
  edits: Edit[];
  fallbacks: CharsetFallback[];
  parts: number;
  hints: SenderHints;
}

/** The header block of [start, end) and where its body begins. */
function splitAt(s: string, start: number, end: number): { headerEnd: number; bodyStart: number } {
  // A part that starts with an empty line has no headers.
  if (s.startsWith('\r\n', start)) return { headerEnd: start, bodyStart: start + 2 };
  if (s.startsWith('\n', start)) return { headerEnd: start, bodyStart: start + 1 };
  const re = /\r?\n\r?\n/g;
  re.lastIndex = start;
  const m = re.exec(s);
  if (!m || m.index >= end) return { headerEnd: end, bodyStart: end };
  return { headerEnd: m.index, bodyStart: Math.min(end, m.index + m[0].length) };
}

function walkPart(s: string, start: number, end: number, depth: number, w: Walk): void {
  if (depth > MAX_DEPTH || w.parts >= MAX_PARTS) return;
  w.parts += 1;
  const { headerEnd, bodyStart } = splitAt(s, start, end);
  const headerBlock = s.slice(start, headerEnd);
  const headers = parseHeaders(headerBlock);
  const contentType = headers.find((h) => h.name === 'content-type')?.value ?? 'text/plain';
  const mimeType = (contentType.split(';')[0] ?? '').trim().toLowerCase();

  if (mimeType.startsWith('multipart/')) {
    const boundary = param(contentType, 'boundary');
    if (!boundary) return;
    const delimiter = `--${boundary}`;
    const starts: number[] = [];
    let closed = false;
    let at = s.indexOf(delimiter, bodyStart);
    while (at !== -1 && at < end) {
      if (at === 0 || s[at - 1] === '\n') {
        starts.push(at);
        if (s.startsWith(`${delimiter}--`, at)) {
          closed = true;
          break;
        }
      }
      at = s.indexOf(delimiter, at + delimiter.length);
    }
    // A truncated mail has no closing delimiter: its last part runs to the end.
    if (!closed) starts.push(end);
    for (let i = 0; i + 1 < starts.length; i++) {
      const from = s.indexOf('\n', starts[i]!);
      const to = starts[i + 1]!;
      if (from === -1 || from + 1 >= to) continue;
      // The line break before the next delimiter belongs to the delimiter.
      const partEnd = !closed && i + 2 === starts.length ? to : s[to - 2] === '\r' ? to - 2 : to - 1;
      walkPart(s, from + 1, Math.max(from + 1, partEnd), depth + 1, w);
    }
    return;
  }
  if (mimeType !== 'text/plain' && mimeType !== 'text/html') return;
  const disposition = (headers.find((h) => h.name === 'content-disposition')?.value ?? '').toLowerCase();
  if (disposition.startsWith('attachment')) return;
  const declared = (param(contentType, 'charset') ?? '').trim().toLowerCase();
  if (!UTF8_LABELS.has(declared)) return;

  const encoding = (headers.find((h) => h.name === 'content-transfer-encoding')?.value ?? '').toLowerCase();
  const raw = transferDecode(s.slice(bodyStart, end), encoding);
  if (decodes(raw, 'utf-8') !== null) return;

  const used = chooseFallback(raw, w.hints);
  w.fallbacks.push({ mimeType, declared, used, raw });
  w.edits.push({ start, end: headerEnd, replacement: relabel(headerBlock, mimeType, contentType, used) });
}

/** The part's header block with its Content-Type saying `charset`. */
function relabel(headerBlock: string, mimeType: string, contentType: string, charset: FallbackCharset): string {
  const kept = headerBlock
    .split(/\r?\n(?![ \t])/)
    .filter((line) => !/^content-type\s*:/i.test(line) && line !== '');
  const params = contentType
    .slice(contentType.indexOf(';') === -1 ? contentType.length : contentType.indexOf(';'))
    .replace(/;\s*charset\s*=\s*("[^"]*"|[^;\s]*)/gi, '');
  return [...kept, `Content-Type: ${mimeType}${params}; charset=${charset}`].join('\r\n');
}

/** The source with every mislabelled text part relabelled, and what was changed. */
export function relabelInvalidUtf8(source: Buffer): { source: Buffer; fallbacks: CharsetFallback[] } {
  const s = source.toString('latin1');
  const { headerEnd } = splitAt(s, 0, s.length);
  const w: Walk = { edits: [], fallbacks: [], parts: 0, hints: senderHints(s.slice(0, headerEnd)) };
  walkPart(s, 0, s.length, 0, w);
  if (w.edits.length === 0) return { source, fallbacks: [] };
  let out = s;
  for (const edit of [...w.edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.replacement + out.slice(edit.end);
  }
  return { source: Buffer.from(out, 'latin1'), fallbacks: w.fallbacks };
}
