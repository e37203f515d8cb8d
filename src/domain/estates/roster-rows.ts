/**
 * Checks every row of a roster file and turns the good ones into registry entries: required
 * cells, unit address parts in one form, mainland phone numbers, role words in either
 * language, area, and rows repeated or contradicting each other within the file. Every
 * problem names the line and says why in zh-CN and en; nothing here touches the database.
 */
import type { CsvRow } from './csv.js';
import { normalizePhone } from './phone.js';
import { COLUMN_ZH, mapHeader, type RosterColumn } from './roster-columns.js';
import { normalizeBuildingName, normalizeEntranceName, normalizeUnitNumber, parseUnitAddress } from './unit-address.js';

export type PersonRole = 'owner' | 'tenant' | 'resident';

export interface RosterRow {
  line: number;
  estate: string;
  building: string;
  /** '' when the building has no entrances. */
  entrance: string;
  unit: string;
  /** Decimal text ("89.50"), null when not given. */
  areaM2: string | null;
  person: { name: string; phone: string | null; role: PersonRole } | null;
}

export interface RowProblem {
  line: number;
  column: RosterColumn | null;
  code: string;
  zh: string;
  en: string;
}

export type RosterCheck = { ok: true; rows: RosterRow[]; problems: RowProblem[] } | { ok: false; problem: RowProblem };

const ROLE_WORDS: Record<string, PersonRole> = {
  owner: 'owner',
  业主: 'owner',
  产权人: 'owner',
  房主: 'owner',
  tenant: 'tenant',
  租户: 'tenant',
  租客: 'tenant',
  承租人: 'tenant',
  resident: 'resident',
  住户: 'resident',
  家属: 'resident',
  居住人: 'resident',
  同住人: 'resident',
};

const MAX: Partial<Record<RosterColumn, number>> = { estate: 100, building: 40, entrance: 40, unit: 40, name: 100 };

function problem(line: number, column: RosterColumn | null, code: string, zh: string, en: string): RowProblem {
  return { line, column, code, zh, en };
}

/** "89.5", "89.5㎡", "89.5 m²", "89.5平米" → "89.50"; null when not a positive area. */
export function parseArea(text: string): string | null {
  const t = text.normalize('NFKC').trim().replace(/\s*(m2|m²|㎡|平方米|平米|平)$/iu, '');
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(t)) return null;
  const n = Number(t);
  return n > 0 ? n.toFixed(2) : null;
}

export function checkRoster(csv: readonly CsvRow[]): RosterCheck {
  const [head, ...body] = csv;
  if (!head) return { ok: false, problem: problem(1, null, 'empty_file', '文件为空：没有标题行', 'the file is empty: no header row') };
  const header = mapHeader(head.cells);
  if (!header.ok) {
    const names = (cs: RosterColumn[]) => cs.map((c) => `${COLUMN_ZH[c]} ${c}`).join(', ');
    const zh = [header.missing.length ? `缺少必填列：${names(header.missing)}` : '', header.duplicated.length ? `列重复：${names(header.duplicated)}` : ''].filter(Boolean).join('；');
    const en = [header.missing.length ? `missing required columns: ${names(header.missing)}` : '', header.duplicated.length ? `columns given twice: ${names(header.duplicated)}` : '']
      .filter(Boolean)
      .join('; ');
    return { ok: false, problem: problem(head.line, null, 'bad_header', zh, en) };
  }
  const index = header.index;
  const cell = (r: CsvRow, c: RosterColumn) => {
    const i = index[c];
    return i === undefined ? '' : (r.cells[i] ?? '').normalize('NFKC').trim();
  };

  const rows: RosterRow[] = [];
  const problems: RowProblem[] = [];
  const personLines = new Map<string, number>();
  const unitArea = new Map<string, { line: number; area: string | null }>();

  for (const r of body) {
    const found: RowProblem[] = [];
    const say = (column: RosterColumn | null, code: string, zh: string, en: string) => found.push(problem(r.line, column, code, zh, en));

    const estate = cell(r, 'estate');
    let building = normalizeBuildingName(cell(r, 'building'));
    let entrance = normalizeEntranceName(cell(r, 'entrance'));
    const unitCell = cell(r, 'unit');
    let unit = normalizeUnitNumber(unitCell);
    // "3栋2单元501" in the unit column: the whole address in one cell, taken when the building
    // (and entrance) columns are empty or say the same; otherwise "1-1201" is the unit's number.
    const parsed = parseUnitAddress(unitCell);
    const whole = parsed && (building === '' || building === parsed.building) && (entrance === '' || parsed.entrance === null || entrance === parsed.entrance) ? parsed : null;
    if (whole) {
      building = whole.building;
      entrance = entrance || (whole.entrance ?? '');
      unit = whole.unit;
    }

    for (const [c, v] of [['estate', estate], ['building', building], ['unit', unit]] as const) {
      if (v === '') say(c, 'missing_value', `${COLUMN_ZH[c]}不能为空`, `${c} is required`);
    }
    for (const [c, v] of [['estate', estate], ['building', building], ['entrance', entrance], ['unit', unit], ['name', cell(r, 'name')]] as const) {
      const max = MAX[c]!;
      if (v.length > max) say(c, 'too_long', `${COLUMN_ZH[c]}超过 ${max} 个字符`, `${c} is longer than ${max} characters`);
    }

    const areaText = cell(r, 'area');
    const areaM2 = areaText === '' ? null : parseArea(areaText);
    if (areaText !== '' && areaM2 === null) say('area', 'bad_area', `面积“${areaText}”不是正数（平方米，最多两位小数）`, `area "${areaText}" is not a positive number of m² (at most two decimals)`);

    const name = cell(r, 'name');
    const phoneText = cell(r, 'phone');
    const roleText = cell(r, 'role');
    let person: RosterRow['person'] = null;
    if (name === '') {
      if (phoneText !== '' || roleText !== '') say('name', 'missing_value', '填写了电话或身份，但姓名为空', 'a phone or role is given but the name is empty');
    } else {
      const phone = normalizePhone(phoneText);
      if (phoneText === '') say('phone', 'missing_value', '有姓名的行必须填写电话', 'a row with a name needs a phone number');
      else if (phone === null)
        say('phone', 'bad_phone', `电话“${phoneText}”不是有效的大陆手机号或座机号（如 13800138000、010-12345678）`, `phone "${phoneText}" is not a mainland mobile or landline number (e.g. 13800138000, 010-12345678)`);
      const role = roleText === '' ? 'owner' : ROLE_WORDS[roleText.toLowerCase()];
      if (!role) say('role', 'bad_role', `身份“${roleText}”无效：应为 业主、租户 或 住户`, `role "${roleText}" is not one of owner, tenant, resident`);
      if (phone && role) person = { name, phone, role };
    }

    if (found.length === 0) {
      const unitKey = [estate, building, entrance, unit].join('\u0000');
      const seen = unitArea.get(unitKey);
      if (seen && areaM2 !== null && seen.area !== null && seen.area !== areaM2) {
        say('area', 'conflicting_area', `同一房号在第 ${seen.line} 行的面积是 ${seen.area}，此处为 ${areaM2}`, `the same unit has area ${seen.area} on line ${seen.line}, ${areaM2} here`);
      } else if (!seen || (seen.area === null && areaM2 !== null)) unitArea.set(unitKey, { line: r.line, area: areaM2 ?? seen?.area ?? null });
      const personKey = `${unitKey}\u0000${person?.name ?? ''}`;
      const earlier = personLines.get(personKey);
      if (earlier !== undefined) {
        say(
          person ? 'name' : 'unit',
          'duplicate_row',
          person ? `与第 ${earlier} 行重复：同一房号下同名的人` : `与第 ${earlier} 行重复：同一房号`,
          person ? `repeats line ${earlier}: the same person on the same unit` : `repeats line ${earlier}: the same unit`,
        );
      } else personLines.set(personKey, r.line);
    }

    if (found.length) problems.push(...found);
    else rows.push({ line: r.line, estate, building, entrance, unit, areaM2, person });
  }
  // A unit's area given on one line only counts for all its lines.
  for (const row of rows) row.areaM2 = unitArea.get([row.estate, row.building, row.entrance, row.unit].join('\u0000'))?.area ?? null;
  return { ok: true, rows, problems };
}
