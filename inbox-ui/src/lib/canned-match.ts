/** Pure helpers of the composer: the `/` and `@` triggers, and canned-reply matching. */
import type { CannedReply } from '../api/workspace-types';

/** The `/query` (or `@query`) the caret is in, when there is one. */
export function triggerAt(text: string, caret: number, char: '/' | '@'): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const re = char === '/' ? /(^|\s)\/([^\s/]*)$/u : /(^|\s)@([^\s@]*)$/u;
  const m = re.exec(before);
  if (!m) return null;
  return { start: before.length - (m[2] ?? '').length - 1, query: m[2] ?? '' };
}

/** Substring matching on shortcode, title and text; works for Chinese (no word splitting). */
export function matchReplies(replies: readonly CannedReply[], query: string, locale: string, max = 8): CannedReply[] {
  const q = query.trim().toLowerCase();
  const hits = replies.filter((r) => !q || r.shortcode.toLowerCase().includes(q) || r.title.toLowerCase().includes(q) || r.content.toLowerCase().includes(q));
  const rank = (r: CannedReply) => (r.shortcode.toLowerCase().startsWith(q) ? 0 : 1) + (r.locale === locale ? 0 : 2);
  return [...hits].sort((a, b) => rank(a) - rank(b)).slice(0, max);
}

export function replaceRange(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}

export const UNRESOLVED = /\{\{[^{}]*\}\}/g;

export function unresolvedIn(text: string): string[] {
  return [...new Set(text.match(UNRESOLVED) ?? [])];
}
