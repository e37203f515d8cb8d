/**
 * The new text of a reply, without the quoted history and the signature.
 *
 * One pass over the lines, linear in the size of the mail: every marker test sees one short
 * line (reply-markers.ts), so a hostile mail (one 767 KB line of "A>>>>…") costs what reading
 * it costs. (email-reply-parser, used before, ran super-linear regular expressions over the
 * whole text: 100 KB took 8 s and blocked the process.)
 *
 * - Unquoted history (below "-----原始邮件-----", an Outlook header block, or an attribution
 *   not followed by a ">" quote) ends the new text.
 * - A ">" quote at the end is history and is hidden; a quote followed by the owner's own text
 *   (interleaved answers) is kept together with that text, and only its attribution line
 *   ("On … wrote:") is dropped — as Discourse's email_reply_trimmer does. An attributed quote
 *   with nothing of the owner's above it (bottom-posting) is history, as talon has it.
 * - Signatures are whole short lines at the very end (发自我的iPhone, Sent from my iPhone) or
 *   a short block under "-- ".
 * - Forwarded content is kept: the owner forwards a mail precisely so that we read it.
 * The result is never empty when the mail has content.
 */
import {
  MAX_MARKER_LINE,
  headerKind,
  isAttribution,
  isForwardLine,
  isHeaderBlock,
  isRuleLine,
  OUTLOOK_RULE_LENGTH,
  isSeparatorLine,
  isSignatureDelimiter,
  isSignatureLine,
  type HeaderKind,
} from './reply-markers.js';

/** A signature under "-- " is short; a longer block below it is content. */
const MAX_SIGNATURE_BLOCK_LINES = 10;

function normalize(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    // Zero-width characters one by one (a class would read ZWJ as joining its neighbours).
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, '')
    .replace(/\u00a0/g, ' ');
}

/** Whether a line is ">"-quoted (leading spaces allowed). A plain loop: no regex on long lines. */
function isQuoted(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x3e) return true; // '>'
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return false;
}

/** The trimmed line when it is short enough to be a marker, else null (always content). */
function markerText(line: string): string | null {
  if (line.length > MAX_MARKER_LINE * 2) return null;
  const t = line.trim();
  return t.length > MAX_MARKER_LINE ? null : t;
}

function nextNonBlank(lines: readonly string[], from: number): number {
  for (let j = from; j < lines.length; j++) if ((lines[j] ?? '').trim() !== '') return j;
  return -1;
}

/** An Outlook-style header block starts at `i`: it and up to five lines below are headers. */
function headerBlockAt(lines: readonly string[], i: number): boolean {
  const kinds: HeaderKind[] = [];
  let seen = 0;
  for (let j = i; j < lines.length && seen < 6; j++) {
    const t = markerText(lines[j] ?? '');
    if (t === null) break;
    if (t === '') continue;
    seen += 1;
    const kind = headerKind(t);
    if (kind) kinds.push(kind);
    else if (j === i) return false;
  }
  return isHeaderBlock(kinds);
}

/** A rule line that opens history: Outlook's own length, or any length right above a header. */
function historyRuleAt(lines: readonly string[], i: number, t: string): boolean {
  if (!isRuleLine(t)) return false;
  if (t.length === OUTLOOK_RULE_LENGTH) return true;
  const next = nextNonBlank(lines, i + 1);
  const line = next === -1 ? null : markerText(lines[next] ?? '');
  return line !== null && headerKind(line) !== null;
}

/** Lines an attribution takes at `i` (clients wrap long ones onto a second line), or 0. */
function attributionAt(lines: readonly string[], i: number): number {
  const first = markerText(lines[i] ?? '');
  if (first === null || first === '') return 0;
  if (isAttribution(first)) return 1;
  const second = markerText(lines[i + 1] ?? '');
  if (second !== null && second !== '' && !isQuoted(lines[i + 1] ?? '') && isAttribution(`${first} ${second}`)) return 2;
  return 0;
}

type Item = { kind: 'text' | 'blank' | 'quote'; line: string };

/** The owner's lines before unquoted history, with quotes marked. */
function readOwnLines(lines: readonly string[]): { items: Item[]; cut: boolean } {
  const items: Item[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      items.push({ kind: 'blank', line: '' });
      continue;
    }
    if (isQuoted(line)) {
      items.push({ kind: 'quote', line });
      continue;
    }
    const t = markerText(line);
    if (t !== null) {
      if (isSeparatorLine(t) || headerBlockAt(lines, i) || historyRuleAt(lines, i, t)) return { items, cut: true };
      const span = attributionAt(lines, i);
      if (span > 0) {
        const after = nextNonBlank(lines, i + span);
        // History that is not ">"-quoted (or nothing at all) follows: the new text ends here.
        if (after === -1 || !isQuoted(lines[after] ?? '')) return { items, cut: true };
        if (!items.some((it) => it.kind === 'text')) {
          // Nothing of the owner's above: the quote is the history of a bottom-posted reply.
          let j = after;
          while (j < lines.length && (isQuoted(lines[j] ?? '') || (lines[j] ?? '').trim() === '')) j++;
          i = j - 1;
          continue;
        }
        i += span - 1;
        continue;
      }
    }
    items.push({ kind: 'text', line });
  }
  return { items, cut: false };
}

function dropTrailing(items: Item[], kinds: ReadonlySet<Item['kind']>): void {
  while (items.length > 0 && kinds.has(items[items.length - 1]!.kind)) items.pop();
}

const BLANK = new Set<Item['kind']>(['blank']);
const BLANK_OR_QUOTE = new Set<Item['kind']>(['blank', 'quote']);

/** Removes the signature at the end: short signature lines, or a short block under "-- ". */
function dropSignature(items: Item[]): void {
  dropTrailing(items, BLANK);
  for (let k = items.length - 1, nonBlank = 0; k >= 0 && nonBlank <= MAX_SIGNATURE_BLOCK_LINES; k--) {
    const item = items[k]!;
    if (item.kind === 'quote') break;
    if (item.kind === 'text' && isSignatureDelimiter(item.line.trimStart())) {
      items.length = k;
      break;
    }
    if (item.kind === 'text') nonBlank += 1;
  }
  dropTrailing(items, BLANK);
  while (items.length > 0 && isSignatureLine(items[items.length - 1]!.line.trim())) {
    items.pop();
    dropTrailing(items, BLANK);
  }
}

export interface TrimmedReply {
  /** The new text (the whole text when nothing could be told apart). */
  text: string;
  /** Whether anything was removed. */
  trimmed: boolean;
  /** Whether the mail carries forwarded content (kept in `text`). */
  forwarded: boolean;
}

export function trimReplyDetailed(fullText: string): TrimmedReply {
  const full = normalize(fullText).trim();
  if (full === '') return { text: '', trimmed: false, forwarded: false };
  const lines = full.split('\n');

  const forwardAt = lines.findIndex((l) => {
    const t = markerText(l);
    return t !== null && isForwardLine(t);
  });
  const forwarded = forwardAt !== -1;
  const ownLines = forwarded ? lines.slice(0, forwardAt) : lines;
  const forwardedPart = forwarded ? lines.slice(forwardAt).join('\n').trim() : '';

  const { items } = readOwnLines(ownLines);
  // A quote with nothing of the owner's below it is history.
  dropTrailing(items, BLANK_OR_QUOTE);
  dropSignature(items);
  while (items.length > 0 && items[0]!.kind === 'blank') items.shift();
  const hasOwnText = items.some((it) => it.kind === 'text');
  const own = hasOwnText ? items.map((it) => it.line).join('\n').replace(/\n{3,}/g, '\n\n').trim() : '';

  const text = [own, forwardedPart].filter((p) => p !== '').join('\n\n').trim();
  // Nothing told apart (all quoted, or the mail starts with a marker): show it all.
  if (text === '') return { text: full, trimmed: false, forwarded };
  return { text, trimmed: text !== full, forwarded };
}

/** Only the new text of a reply; falls back to the full text rather than returning nothing. */
export function trimReply(fullText: string): string {
  return trimReplyDetailed(fullText).text;
}
