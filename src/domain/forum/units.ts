/**
 * Units (楼栋/房号) as owners type them: "3栋 1201", "３栋１２０１室", "3-1201". Folding
 * full-width forms and spacing lets staff match a claim against the contact records.
 */
export function normalizeUnit(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

/** A key for comparing two units loosely: digits and letters only, with 栋/号楼/单元/室 as separators. */
export function unitKey(input: string): string {
  return normalizeUnit(input)
    .replace(/(号楼|栋|幢|座|单元|室|号)/g, '-')
    .replace(/[^0-9A-Z\u4e00-\u9fff]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
