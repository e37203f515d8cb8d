/**
 * The columns of the roster file (the import template and the export): one row per person
 * of a unit, or per unit without people. Headers are bilingual in the template ("小区 estate");
 * an uploaded file may use either language alone, in any order.
 */
export const ROSTER_COLUMNS = ['estate', 'building', 'entrance', 'unit', 'area', 'name', 'phone', 'role'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

export const COLUMN_ZH: Record<RosterColumn, string> = {
  estate: '小区',
  building: '楼栋',
  entrance: '单元',
  unit: '房号',
  area: '面积',
  name: '姓名',
  phone: '电话',
  role: '身份',
};

/** Extra spellings seen in real rosters. */
const ALIASES: Record<string, RosterColumn> = {
  小区名称: 'estate',
  项目: 'estate',
  楼号: 'building',
  楼宇: 'building',
  单元号: 'entrance',
  房间号: 'unit',
  房屋: 'unit',
  '面积(m²)': 'area',
  建筑面积: 'area',
  area_m2: 'area',
  业主姓名: 'name',
  'person name': 'name',
  联系电话: 'phone',
  手机: 'phone',
  手机号: 'phone',
  类型: 'role',
};

export function templateHeader(): string[] {
  return ROSTER_COLUMNS.map((c) => `${COLUMN_ZH[c]} ${c}`);
}

function headerKey(cell: string): RosterColumn | null {
  const t = cell.normalize('NFKC').replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');
  for (const c of ROSTER_COLUMNS) {
    if (t === c || t === COLUMN_ZH[c] || t === `${COLUMN_ZH[c]} ${c}` || t === `${COLUMN_ZH[c]}/${c}` || t === `${COLUMN_ZH[c]}(${c})`) return c;
  }
  return ALIASES[t] ?? ALIASES[t.replace(/\s+/g, '')] ?? null;
}

export type HeaderResult =
  | { ok: true; index: Partial<Record<RosterColumn, number>> }
  | { ok: false; missing: RosterColumn[]; duplicated: RosterColumn[] };

/** Which cell holds which column; estate, building and unit must be there, each once. */
export function mapHeader(cells: readonly string[]): HeaderResult {
  const index: Partial<Record<RosterColumn, number>> = {};
  const duplicated: RosterColumn[] = [];
  cells.forEach((cell, i) => {
    const key = headerKey(cell);
    if (!key) return;
    if (index[key] !== undefined) duplicated.push(key);
    else index[key] = i;
  });
  const missing = (['estate', 'building', 'unit'] as const).filter((c) => index[c] === undefined);
  return missing.length || duplicated.length ? { ok: false, missing, duplicated } : { ok: true, index };
}
