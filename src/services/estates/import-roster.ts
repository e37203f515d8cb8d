/**
 * Imports a roster file (小区 / 楼栋 / 单元 / 房号 / 面积 / 姓名 / 电话 / 身份) into the registry.
 * A dry run says what would change and lists every bad row; a real import of a file with any
 * bad row stores nothing; a clean one stores everything in one transaction, in a few bulk
 * statements per level (multi-row INSERT … ON CONFLICT), and only the rows that differ from
 * what is stored, so importing the same file again writes nothing.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { buildings, entrances, estates, unitPeople, units } from '../../../db/schema/index.js';
import { parseCsv } from '../../domain/estates/csv.js';
import { decodeUpload } from '../../domain/estates/decode-text.js';
import { buildingKey, entranceKey, planRoster, unitKey, type RosterPlan } from '../../domain/estates/roster-plan.js';
import { checkRoster, type RowProblem } from '../../domain/estates/roster-rows.js';
import { loadRegistry } from './registry-snapshot.js';

export interface ImportReport {
  dryRun: boolean;
  /** Whether the registry was changed (false on a dry run or when any row is bad). */
  applied: boolean;
  encoding: 'utf-8' | 'gb18030';
  /** Data rows in the file (header and blank lines not counted). */
  rows: number;
  refused: number;
  changes: RosterPlan['counts'];
  problems: RowProblem[];
}

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters at five columns a row. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const NO_CHANGES: RosterPlan['counts'] = {
  estates: { create: 0, update: 0 },
  buildings: { create: 0, update: 0 },
  entrances: { create: 0, update: 0 },
  units: { create: 0, update: 0 },
  people: { create: 0, update: 0 },
};

export async function importRoster(db: Db, bytes: Uint8Array, opts: { dryRun: boolean }): Promise<ImportReport> {
  const decoded = decodeUpload(bytes);
  if (!decoded) {
    const problem = { line: 1, column: null, code: 'bad_encoding', zh: '文件不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8”后再上传', en: 'the file is not UTF-8: save it as "CSV UTF-8" in Excel and upload that' };
    return { dryRun: opts.dryRun, applied: false, encoding: 'utf-8', rows: 0, refused: 0, changes: NO_CHANGES, problems: [problem] };
  }
  const { text, encoding } = decoded;
  const csv = parseCsv(text);
  const checked = checkRoster(csv);
  const base = { dryRun: opts.dryRun, applied: false, encoding };
  if (!checked.ok) return { ...base, rows: Math.max(csv.length - 1, 0), refused: Math.max(csv.length - 1, 0), changes: NO_CHANGES, problems: [checked.problem] };
  const names = [...new Set(checked.rows.map((r) => r.estate))];
  const report = (plan: RosterPlan, applied: boolean): ImportReport => ({
    ...base,
    applied,
    rows: csv.length - 1,
    refused: new Set(checked.problems.map((p) => p.line)).size,
    changes: plan.counts,
    problems: checked.problems,
  });

  if (opts.dryRun || checked.problems.length > 0) {
    const { snapshot } = await loadRegistry(db, names);
    return report(planRoster(checked.rows, snapshot), false);
  }
  return db.transaction(async (tx) => {
    // One import at a time: the plan is made from what this transaction reads.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('huixin.estates.import'))`);
    const { snapshot, ids } = await loadRegistry(tx, names);
    const plan = planRoster(checked.rows, snapshot);
    await applyPlan(tx, plan, ids);
    return report(plan, true);
  });
}

async function applyPlan(tx: Db, plan: RosterPlan, ids: Awaited<ReturnType<typeof loadRegistry>>['ids']): Promise<void> {
  if (plan.estates.length) {
    const made = await tx
      .insert(estates)
      .values(plan.estates.map((name) => ({ name })))
      .returning({ id: estates.id, name: estates.name });
    for (const e of made) ids.estates.set(e.name, e.id);
  }
  for (const part of chunks(plan.buildings)) {
    const made = await tx
      .insert(buildings)
      .values(part.map((b) => ({ estateId: ids.estates.get(b.estate)!, name: b.building })))
      .returning({ id: buildings.id, name: buildings.name, estateId: buildings.estateId });
    const estateName = new Map([...ids.estates].map(([n, id]) => [id, n]));
    for (const b of made) ids.buildings.set(buildingKey(estateName.get(b.estateId)!, b.name), b.id);
  }
  for (const part of chunks(plan.entrances)) {
    const made = await tx
      .insert(entrances)
      .values(part.map((e) => ({ buildingId: ids.buildings.get(buildingKey(e.estate, e.building))!, name: e.entrance })))
      .returning({ id: entrances.id, name: entrances.name, buildingId: entrances.buildingId });
    const byId = new Map(part.map((e) => [ids.buildings.get(buildingKey(e.estate, e.building))!, e]));
    for (const e of made) {
      const b = byId.get(e.buildingId)!;
      ids.entrances.set(entranceKey(b.estate, b.building, e.name), e.id);
    }
  }
  for (const part of chunks(plan.units)) {
    const made = await tx
      .insert(units)
      .values(part.map((u) => ({ entranceId: ids.entrances.get(entranceKey(u.estate, u.building, u.entrance))!, number: u.unit, areaM2: u.areaM2 })))
      .onConflictDoUpdate({ target: [units.entranceId, units.number], set: { areaM2: sql`excluded.area_m2` } })
      .returning({ id: units.id, entranceId: units.entranceId, number: units.number });
    const keyOf = new Map(part.map((u) => [`${ids.entrances.get(entranceKey(u.estate, u.building, u.entrance))!}/${u.unit}`, unitKey(u)]));
    for (const u of made) ids.units.set(keyOf.get(`${u.entranceId}/${u.number}`)!, u.id);
  }
  for (const part of chunks(plan.people)) {
    await tx
      .insert(unitPeople)
      .values(part.map((r) => ({ unitId: ids.units.get(unitKey(r))!, name: r.person!.name, phone: r.person!.phone, role: r.person!.role })))
      // A person an agent added by binding who now is on the roster stays when unbound.
      .onConflictDoUpdate({ target: [unitPeople.unitId, unitPeople.name], set: { phone: sql`excluded.phone`, role: sql`excluded.role`, createdByBinding: false, updatedAt: sql`now()` } });
  }
}
