import { tidyUnitText } from '../estates/unit-address.js';

/**
 * A unit (房号) as owners type it: "3栋2单元501", "3-2-501", "3 栋 2 单元 501室". Kept as the
 * owner wrote it, tidied, so it can be compared with the estate's list of units (whose parser,
 * parseUnitAddress in src/domain/estates/unit-address.ts, shares this tidying).
 */
export function normalizeUnit(text: string): string | null {
  const t = tidyUnitText(text).replace(/[室号]$/u, '');
  if (t.length < 2 || t.length > 40) return null;
  // A unit names at least one number; "不知道" is not a unit.
  if (!/\d/.test(t)) return null;
  return t;
}
