/**
 * Both Tencent APIs limit a text message in bytes of UTF-8, not characters: WeChat's
 * customer-service text and WeCom's kf/send_msg text take at most 2048 bytes, which is 2048
 * Latin letters but only 682 Chinese characters. Longer replies go out as ordered parts.
 *
 * A part also holds at most TENCENT_MAX_TEXT_CHARS (682) characters (UTF-16 code units), the
 * most that always fit in 2048 bytes for Chinese text: that is the `maxTextLength` the
 * channels declare, so the composer's count means the same for every language. A Latin text
 * is thus cut at 682 characters too, a small price for one rule agents can see.
 *
 * A cut prefers a paragraph break, then a line break, then a space (dropped at the cut),
 * when the part before it fills at least half the window; otherwise it falls between two
 * code points, never inside one.
 */
export const TENCENT_MAX_TEXT_BYTES = 2048;
/** floor(2048 / 3): a CJK character is 3 bytes of UTF-8. */
export const TENCENT_MAX_TEXT_CHARS = 682;

const SEPARATORS = ['\n\n', '\n', ' '] as const;
const MIN_FILL = 0.5;

export function splitUtf8(text: string, maxBytes: number = TENCENT_MAX_TEXT_BYTES, maxChars: number = TENCENT_MAX_TEXT_CHARS): string[] {
  if (!Number.isInteger(maxBytes) || maxBytes < 4) throw new RangeError(`splitUtf8: maxBytes must be an integer >= 4, got ${maxBytes}`);
  const parts: string[] = [];
  let rest = text;
  while (Buffer.byteLength(rest) > maxBytes || rest.length > maxChars) {
    // The longest prefix of whole code points within the byte budget.
    let end = 0;
    let bytes = 0;
    for (const ch of rest) {
      const size = Buffer.byteLength(ch);
      if (bytes + size > maxBytes || end + ch.length > maxChars) break;
      bytes += size;
      end += ch.length;
    }
    const window = rest.slice(0, end);
    let cut = end;
    let skip = 0;
    for (const sep of SEPARATORS) {
      const at = window.lastIndexOf(sep);
      if (at > 0 && at >= end * MIN_FILL) {
        cut = at;
        skip = sep.length;
        break;
      }
    }
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut + skip);
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
