/**
 * Splitting long replies for Telegram, whose sendMessage takes at most 4096 characters
 * (counted, like JavaScript string length, in UTF-16 code units).
 *
 * Each cut prefers, in order, a paragraph break ("\n\n"), a line break ("\n") and a space,
 * and the separator at a cut is dropped: the owner sees two clean messages, and the parts,
 * re-joined with the separators that were removed, give the original text back (a cut on the
 * text's very last separator leaves no empty part behind, so that one is dropped). Only when a
 * window holds none of them is the text cut mid-word, and never inside a surrogate pair, so
 * an emoji or a rare CJK character is not broken in two.
 */

/** Telegram's limit for the text of one message. */
export const TELEGRAM_MAX_TEXT = 4096;

const SEPARATORS = ['\n\n', '\n', ' '] as const;

/**
 * A preferred separator is only taken when the part before it fills at least this share of
 * the window; otherwise one paragraph break near the start would produce a tiny first part.
 */
const MIN_FILL = 0.5;

export function splitTelegramText(text: string, max: number = TELEGRAM_MAX_TEXT): string[] {
  if (!Number.isInteger(max) || max < 2) {
    // With room for fewer than two code units a surrogate pair could never be sent whole.
    throw new RangeError(`splitTelegramText: max must be an integer >= 2, got ${max}`);
  }
  const parts: string[] = [];
  let pos = 0;
  while (text.length - pos > max) {
    const cut = findCut(text, pos, max);
    parts.push(text.slice(pos, cut.end));
    pos = cut.end + cut.separatorLength;
  }
  // An empty reply has nothing to send, and a text whose last cut fell on its final separator
  // has nothing left over: neither becomes an empty part.
  if (pos < text.length) parts.push(text.slice(pos));
  return parts;
}

interface Cut {
  /** Index where the part ends (exclusive). */
  end: number;
  /** Length of the separator dropped at the cut. */
  separatorLength: number;
}

function findCut(text: string, pos: number, max: number): Cut {
  const limit = pos + max;
  let fallback: Cut | undefined;
  for (const separator of SEPARATORS) {
    // A separator starting at `limit` still works: the part before it is exactly `max` long.
    const at = text.lastIndexOf(separator, limit);
    if (at <= pos) continue; // none in the window, or only at its start (empty part)
    const cut = { end: at, separatorLength: separator.length };
    if (at - pos >= max * MIN_FILL) return cut;
    // Short parts everywhere: the strongest break still reads best.
    fallback ??= cut;
  }
  if (fallback) return fallback;
  return { end: hardCut(text, limit), separatorLength: 0 };
}

/** Cuts at `limit`, stepping back one code unit if that would split a surrogate pair. */
function hardCut(text: string, limit: number): number {
  const before = text.charCodeAt(limit - 1);
  const after = text.charCodeAt(limit);
  const splitsPair = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
  return splitsPair ? limit - 1 : limit;
}
