/**
 * Makes every string inside a parsed payload storable: PostgreSQL refuses U+0000 in text and
 * jsonb, and a lone UTF-16 surrogate (legal in JSON, not in UTF-8) makes the insert fail. A
 * platform that redelivers on error would then send the same body forever, so these are
 * cleaned once at the edge: NULs dropped, lone surrogates replaced by U+FFFD. Pure.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const NEEDS_CLEANING = /[\u0000\uD800-\uDFFF]/;

export function cleanString(value: string): string {
  if (!NEEDS_CLEANING.test(value)) return value;
  return value.replaceAll('\u0000', '').replace(LONE_SURROGATE, '\uFFFD');
}

/** A copy of `value` with every string (keys too) cleaned; values without such strings are returned as they are. */
export function cleanStrings<T>(value: T): T {
  return cleanValue(value) as T;
}

function cleanValue(value: unknown): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const cleaned = cleanValue(item);
      if (cleaned !== item) changed = true;
      return cleaned;
    });
    return changed ? out : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const cleanKey = cleanString(key);
      const cleaned = cleanValue(item);
      if (cleaned !== item || cleanKey !== key) changed = true;
      // defineProperty, not assignment: a "__proto__" key from JSON.parse is an own field and must stay one.
      Object.defineProperty(out, cleanKey, { value: cleaned, enumerable: true, writable: true, configurable: true });
    }
    return changed ? out : value;
  }
  return value;
}
