/** Review-queue rules that need no I/O: what a new post needs, and how items move. */
export type ModerationState = 'pending' | 'approved' | 'rejected' | 'ignored';
export type ModerationKind = 'first_post' | 'flag' | 'word';
export type ModerationDecision = 'approve' | 'reject' | 'ignore';

/** An owner's posts are held for review until this many have been approved (0: never). */
export function needsPremoderation(approvedPosts: number, threshold: number): boolean {
  return threshold > 0 && approvedPosts < threshold;
}

/** Lower-case, full-width folded, so "ＡＢＣ" and "abc" match the same list entry. */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** The list words found in the text (whole-substring match, as Chinese has no word breaks). */
export function matchWordList(text: string, words: readonly string[]): string[] {
  const hay = fold(text);
  const found = new Set<string>();
  for (const w of words) {
    const needle = fold(w.trim());
    if (needle && hay.includes(needle)) found.add(w.trim());
  }
  return [...found];
}

/** Parses an admin's word list (one per line or comma-separated), dropping blanks and repeats. */
export function parseWordList(input: string): string[] {
  const seen = new Set<string>();
  for (const part of input.split(/[\n,，、]/)) {
    const w = part.trim();
    if (w && w.length <= 100) seen.add(w);
  }
  return [...seen].slice(0, 2000);
}

/** What a decision makes of an item; only a pending item can be decided. */
export function stateAfter(current: ModerationState, decision: ModerationDecision): ModerationState | null {
  if (current !== 'pending') return null;
  switch (decision) {
    case 'approve':
      return 'approved';
    case 'reject':
      return 'rejected';
    case 'ignore':
      return 'ignored';
  }
}

/**
 * Which decisions fit an item: a held post (new owner, word list) is approved or rejected,
 * since someone must decide to publish it; a flag on a visible post may also be ignored.
 */
export function decisionAllowed(kind: ModerationKind, decision: ModerationDecision): boolean {
  return decision !== 'ignore' || kind === 'flag';
}

/** What a decision does to the post: held posts are published on approval; rejection hides. */
export function postStatusAfter(kind: ModerationKind, decision: ModerationDecision, current: 'visible' | 'pending' | 'hidden'): 'visible' | 'pending' | 'hidden' {
  if (decision === 'reject') return 'hidden';
  if (decision === 'approve' && kind !== 'flag' && current === 'pending') return 'visible';
  return current;
}
