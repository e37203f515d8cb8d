/**
 * The pure rules of the bot's admin screen: how the textareas become lists, how the
 * out-of-hours notice is previewed and checked, and how scores and counts are shown.
 */

/**
 * Keywords and emergency words: one per line, or separated by commas (, ，), 、 or semicolons
 * (; ；), because admins paste them from documents written either way. Trimmed, empty ones
 * dropped, repeats (ignoring case) kept once in their first spelling.
 */
export function parseWordList(text: string): string[] {
  return dedupe(text.split(/[\n,，、;；]+/));
}

/** Example phrasings are whole sentences that may contain commas: one per line only. */
export function parseLineList(text: string): string[] {
  return dedupe(text.split(/\r?\n/));
}

/** A list back into its textarea: one entry per line, which both parsers read back unchanged. */
export function formatList(list: readonly string[]): string {
  return list.join('\n');
}

function dedupe(parts: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    const key = part.toLocaleLowerCase();
    if (!part || seen.has(key)) continue;
    seen.add(key);
    out.push(part);
  }
  return out;
}

/** The placeholders the server fills into the out-of-hours notice. */
export const NOTICE_PLACEHOLDERS = ['opensAt', 'phone'] as const;

/** Placeholders in the notice the server will not fill (a typo like `{open}` would reach owners as is). */
export function unknownPlaceholders(notice: string): string[] {
  const names = [...notice.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return [...new Set(names.filter((n) => !(NOTICE_PLACEHOLDERS as readonly string[]).includes(n)))];
}

/** The notice as an owner would read it, with example values for its placeholders. */
export function previewNotice(notice: string, values: { opensAt: string; phone: string }): string {
  return notice.replace(/\{(opensAt|phone)\}/g, (_, name: 'opensAt' | 'phone') => values[name]);
}

/** A match score (0..1) as a whole percentage, e.g. 0.734 → "73%". */
export function formatScore(score: number): string {
  return `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%`;
}

/** The share of "that helped" among the owners who rated an answer, or null before anyone did. */
export function helpfulShare(helpful: number, unhelpful: number): number | null {
  const rated = helpful + unhelpful;
  return rated === 0 ? null : helpful / rated;
}

/** The threshold field's text as the API's 0..1 value, or null when it is not a number in range. */
export function parseThreshold(text: string): number | null {
  if (!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text)) return null;
  const value = Number(text);
  return value >= 0 && value <= 1 ? value : null;
}

/** An example for `{opensAt}` in the server's format (`YYYY-MM-DD HH:mm`): the next day at 08:30. */
export function exampleOpensAt(now: Date): string {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${next.getFullYear()}-${two(next.getMonth() + 1)}-${two(next.getDate())} 08:30`;
}
