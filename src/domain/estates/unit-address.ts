/**
 * Unit addresses (楼栋 / 单元 / 房号) as owners, agents and rosters write them: "3栋2单元501",
 * "3号楼2单元501室", "三栋二单元501", "3-2-501", "Building 3, Entrance 2, Room 501", with
 * full-width digits or spaces anywhere. Parsed into the parts the registry stores, each in one
 * form (digits half-width, Latin letters upper-case, the 栋/单元/室 words dropped), so the same
 * unit written two ways is one unit.
 */

export interface UnitAddress {
  building: string;
  /** null when the address names no entrance (a tower whose units are not grouped by 单元). */
  entrance: string | null;
  unit: string;
}

/** Full-width forms folded (NFKC) and all spacing removed: what every comparison starts from. */
export function tidyUnitText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 as digits ("十二" → "12"); anything else unchanged. */
function chineseNumeral(part: string): string {
  if (!/^[零〇一二两三四五六七八九十]{1,3}$/u.test(part)) return part;
  const [tens, ones] = part.includes('十') ? part.split('十') : ['', part];
  if (part.includes('十')) {
    const t = tens === '' ? 1 : CN_DIGITS[tens!];
    const o = ones === '' ? 0 : CN_DIGITS[ones!];
    return t === undefined || o === undefined || (ones ?? '').length > 1 ? part : String(t * 10 + o);
  }
  if (part.length !== 1) return part;
  return String(CN_DIGITS[part]);
}

function clean(part: string): string {
  return chineseNumeral(part.replace(/^[,，、;；]+|[,，、;；]+$/gu, '')).toUpperCase();
}

/** "3栋" / "3号楼" / "3幢" / "A座" / "Building 3" / "３" → "3" (or "A"). */
export function normalizeBuildingName(text: string): string {
  const t = tidyUnitText(text);
  const en = /^(?:building|bldg\.?|block|blk\.?|tower)#?(.+)$/iu.exec(t);
  if (en) return clean(en[1]!);
  return clean(t.replace(/(号楼|栋|幢|座|楼)$/u, '') || t);
}

/** "2单元" / "Entrance 2" / "二单元" / "2" → "2"; '' for none. */
export function normalizeEntranceName(text: string): string {
  const t = tidyUnitText(text);
  const en = /^(?:entrance|staircase|stair|unit)#?(.+)$/iu.exec(t);
  if (en) return clean(en[1]!);
  return clean(t.replace(/单元$/u, '') || t);
}

/** "501室" / "501号" / "Room 501" / "#501" → "501". */
export function normalizeUnitNumber(text: string): string {
  const t = tidyUnitText(text);
  const en = /^(?:room|rm\.?|flat|apt\.?|apartment|#)#?(.+)$/iu.exec(t);
  if (en) return clean(en[1]!);
  return clean(t.replace(/[室号]$/u, '') || t);
}

const PART = '([0-9A-Za-z]+|[零〇一二两三四五六七八九十]{1,3})';
const ZH = new RegExp(`^${PART}(?:号楼|栋|幢|座|号)(?:${PART}单元)?([0-9A-Za-z-]+)(?:室|号)?$`, 'u');
const DASHED = /^([0-9A-Za-z]+)[-－—_/#]([0-9A-Za-z]+)(?:[-－—_/#]([0-9A-Za-z]+))?$/u;
const EN =
  /^(?:building|bldg\.?|block|blk\.?|tower)#?([0-9A-Za-z]+),?(?:(?:entrance|staircase|stair|unit)#?([0-9A-Za-z]+),?)?(?:room|rm\.?|flat|apt\.?|apartment|#)#?([0-9A-Za-z-]+)$/iu;

/**
 * The parts of a whole address in one string, or null when it is not one ("不知道", "3楼").
 * "3-501" (two parts) is building 3, unit 501, as agents abbreviate a tower without entrances.
 */
export function parseUnitAddress(text: string): UnitAddress | null {
  const t = tidyUnitText(text);
  if (t.length < 3 || t.length > 60) return null;
  const m = ZH.exec(t) ?? EN.exec(t);
  if (m) return { building: clean(m[1]!), entrance: m[2] ? clean(m[2]) : null, unit: clean(m[3]!) };
  const d = DASHED.exec(t);
  if (!d) return null;
  return d[3] ? { building: clean(d[1]!), entrance: clean(d[2]!), unit: clean(d[3]) } : { building: clean(d[1]!), entrance: null, unit: clean(d[2]!) };
}

/** How the registry shows a unit to Chinese staff: "3栋2单元501". */
export function formatUnitAddress(a: UnitAddress): string {
  return `${a.building}栋${a.entrance ? `${a.entrance}单元` : ''}${a.unit}`;
}
