import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { checkRoster, parseArea } from './roster-rows.js';
import { planRoster, personKey, unitKey, type RegistrySnapshot } from './roster-plan.js';

const HEAD = '小区 estate,楼栋 building,单元 entrance,房号 unit,面积 area,姓名 name,电话 phone,身份 role\n';
const check = (body: string, head = HEAD) => checkRoster(parseCsv(head + body));

describe('checkRoster', () => {
  it('normalises the parts and reads the roles in either language', () => {
    const r = check('翠苑,3栋,2单元,501室,89.5㎡,王建国,138 0013 8000,业主\n翠苑,3号楼,2,501,,李梅,010-12345678,tenant\n翠苑,,,4栋1单元302,,,,\n');
    expect(r.ok && r.problems).toEqual([]);
    expect(r.ok && r.rows).toEqual([
      { line: 2, estate: '翠苑', building: '3', entrance: '2', unit: '501', areaM2: '89.50', person: { name: '王建国', phone: '13800138000', role: 'owner' } },
      { line: 3, estate: '翠苑', building: '3', entrance: '2', unit: '501', areaM2: '89.50', person: { name: '李梅', phone: '010-12345678', role: 'tenant' } },
      { line: 4, estate: '翠苑', building: '4', entrance: '1', unit: '302', areaM2: null, person: null },
    ]);
  });

  it('takes a whole address in the unit column when the other columns agree, else keeps it as the number', () => {
    const r = check('翠苑,3栋,,3-2-501,,,,\n翠苑,3,2,3栋501,,,,\n翠苑,5,,1-1201,,,,\n');
    expect(r.ok && r.rows.map((x) => [x.line, x.building, x.entrance, x.unit])).toEqual([
      [2, '3', '2', '501'],
      [4, '5', '', '1-1201'],
    ]);
    // Lines 2 and 3 are one unit written two ways, with no person on either: 3 repeats 2.
    expect(r.ok && r.problems.map((p) => [p.line, p.code])).toEqual([[3, 'duplicate_row']]);
  });

  it('accepts headers in one language, in any order, and leaves an absent entrance empty', () => {
    const r = check('13800138000,张三,501,3,翠苑\n', '电话,姓名,房号,楼栋,小区\n');
    expect(r.ok && r.rows[0]).toMatchObject({ estate: '翠苑', building: '3', entrance: '', unit: '501', person: { name: '张三', role: 'owner' } });
  });

  it('names every bad row with its line and reason in both languages', () => {
    const r = check(
      [
        ',3,2,501,,王,13800138000,', // 2: no estate
        '翠苑,3,2,501,,王,12345,', // 3: bad phone
        '翠苑,3,2,502,,王,13800138000,房东', // 4: bad role
        '翠苑,3,2,503,-5,,,', // 5: bad area
        '翠苑,3,2,504,,,13800138000,', // 6: phone without a name
        '翠苑,3,2,505,,王,,', // 7: name without a phone
        '翠苑,3,2,506,80,赵,13800138001,', // 8: fine
        '翠苑,3栋,2单元,506室,80,赵,13900139000,', // 9: same person again
        '翠苑,3,2,506,90,钱,13800138002,', // 10: other area for the same unit
      ].join('\n'),
    );
    if (!r.ok) throw new Error('header refused');
    expect(r.rows.map((x) => x.line)).toEqual([8]);
    expect(r.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [2, 'estate', 'missing_value'],
      [3, 'phone', 'bad_phone'],
      [4, 'role', 'bad_role'],
      [5, 'area', 'bad_area'],
      [6, 'name', 'missing_value'],
      [7, 'phone', 'missing_value'],
      [9, 'name', 'duplicate_row'],
      [10, 'area', 'conflicting_area'],
    ]);
    const dup = r.problems.find((p) => p.code === 'duplicate_row')!;
    expect(dup.zh).toContain('第 8 行');
    expect(dup.en).toContain('line 8');
    expect(r.problems.find((p) => p.code === 'bad_role')!.zh).toContain('房东');
  });

  it('refuses a file without the required columns, or with one given twice', () => {
    const r = check('', '姓名,电话,小区,estate\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toMatchObject({ line: 1, code: 'bad_header' });
    expect(r.problem.en).toContain('building');
    expect(r.problem.en).toContain('unit');
    expect(r.problem.en).toContain('given twice');
    expect(r.problem.zh).toContain('缺少必填列');
    expect(checkRoster([])).toMatchObject({ ok: false, problem: { code: 'empty_file' } });
  });

  it('reads areas with their units', () => {
    expect(parseArea('89.5')).toBe('89.50');
    expect(parseArea('120 m²')).toBe('120.00');
    expect(parseArea('95平米')).toBe('95.00');
    expect(parseArea('0')).toBeNull();
    expect(parseArea('1.234')).toBeNull();
  });
});

describe('planRoster', () => {
  const rows = () => {
    const r = check('翠苑,3,2,501,89.5,王建国,13800138000,\n翠苑,3,2,501,,李梅,13900139000,租户\n翠苑,3,2,502,,,,\n新园,1,,101,,周,13700137000,\n');
    if (!r.ok) throw new Error('refused');
    return r.rows;
  };
  const empty: RegistrySnapshot = { estates: new Set(), buildings: new Set(), entrances: new Set(), units: new Map(), people: new Map() };

  it('counts everything as new against an empty registry', () => {
    const plan = planRoster(rows(), empty);
    expect(plan.counts).toEqual({
      estates: { create: 2, update: 0 },
      buildings: { create: 2, update: 0 },
      entrances: { create: 2, update: 0 },
      units: { create: 3, update: 0 },
      people: { create: 3, update: 0 },
    });
  });

  it('changes nothing when the registry holds the file as it is, and counts only real differences', () => {
    const rs = rows();
    const same: RegistrySnapshot = {
      estates: new Set(['翠苑', '新园']),
      buildings: new Set(['翠苑\u00003', '新园\u00001']),
      entrances: new Set(['翠苑\u00003\u00002', '新园\u00001\u0000']),
      units: new Map(rs.map((r) => [unitKey(r), r.areaM2 === null ? null : r.areaM2.replace(/0$/, '')])),
      people: new Map(rs.filter((r) => r.person).map((r) => [personKey(r, r.person!.name), { phone: r.person!.phone, role: r.person!.role }])),
    };
    const plan = planRoster(rs, same);
    expect(Object.values(plan.counts).every((c) => c.create === 0 && c.update === 0)).toBe(true);
    expect(plan.units).toEqual([]);
    expect(plan.people).toEqual([]);

    const changed: RegistrySnapshot = {
      ...same,
      units: new Map([...same.units].map(([k, v]) => [k, k.endsWith('501') ? '70' : v])),
      people: new Map([...same.people].map(([k, v]) => [k, k.endsWith('李梅') ? { ...v, role: 'owner' as const } : v])),
    };
    const again = planRoster(rs, changed);
    expect(again.counts.units).toEqual({ create: 0, update: 1 });
    expect(again.counts.people).toEqual({ create: 0, update: 1 });
    expect(again.people.map((r) => r.person!.name)).toEqual(['李梅']);
  });
});
