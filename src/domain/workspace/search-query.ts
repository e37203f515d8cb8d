/**
 * How a search string becomes a query, and where its hits are in a text. Pure, so the
 * strategy (trigrams for three characters and more, bigrams for two, a scan for one) is
 * tested without a database.
 */
export type SearchStrategy = 'trigram' | 'bigram' | 'scan';

export const MAX_QUERY_LENGTH = 200;

/** Trims and folds inner whitespace; the query is matched as one substring. */
export function normalizeQuery(q: string): string {
  return q.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
}

export function strategyFor(q: string): SearchStrategy {
  const n = [...q].length;
  if (n >= 3) return 'trigram';
  return n === 2 ? 'bigram' : 'scan';
}

/** A LIKE pattern that matches `q` literally anywhere (`%`, `_` and `\` escaped). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface Snippet {
  text: string;
  /** [start, end) ranges of the hits inside `text`, for <mark>. */
  highlights: [number, number][];
}

/** A window of the text around the first hit, with every hit inside it marked. */
export function snippetOf(text: string, q: string, radius = 60): Snippet {
  const flat = text.replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  const needle = q.toLowerCase();
  const first = needle ? lower.indexOf(needle) : -1;
  const from = first < 0 ? 0 : Math.max(0, first - radius);
  const to = Math.min(flat.length, (first < 0 ? 0 : first + needle.length) + radius * 2);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < flat.length ? '…' : '';
  const body = flat.slice(from, to);
  const highlights: [number, number][] = [];
  if (needle) {
    const bodyLower = body.toLowerCase();
    for (let i = bodyLower.indexOf(needle); i >= 0; i = bodyLower.indexOf(needle, i + needle.length)) {
      highlights.push([prefix.length + i, prefix.length + i + needle.length]);
    }
  }
  return { text: prefix + body + suffix, highlights };
}
