/**
 * The registry as a roster file with the template's columns: one row per person, one per
 * unit without people; importing it back changes nothing. Phones follow the same rule as
 * every other view of them (masked without contact.phone.view).
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { buildings, entrances, estates, unitPeople, units } from '../../../db/schema/index.js';
import { toCsv } from '../../domain/estates/csv.js';
import { templateHeader } from '../../domain/estates/roster-columns.js';
import { can, type Principal } from '../../domain/permissions.js';
import { maskPhone } from '../workspace/contact-view.js';

/** Header row and one example row, for staff to fill in. */
export function rosterTemplate(): string {
  return '\uFEFF' + toCsv([templateHeader(), ['翠苑小区', '3栋', '2单元', '501', '89.5', '王建国', '13800138000', '业主']]);
}

export async function exportRoster(db: Db, user: Principal, estateId?: string): Promise<string> {
  const rows = await db
    .select({
      estate: estates.name,
      building: buildings.name,
      entrance: entrances.name,
      unit: units.number,
      areaM2: units.areaM2,
      name: unitPeople.name,
      phone: unitPeople.phone,
      role: unitPeople.role,
    })
    .from(units)
    .innerJoin(entrances, eq(entrances.id, units.entranceId))
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .innerJoin(estates, eq(estates.id, buildings.estateId))
    .leftJoin(unitPeople, eq(unitPeople.unitId, units.id))
    .where(estateId ? eq(estates.id, estateId) : undefined)
    .orderBy(
      asc(estates.name),
      sql`length(${buildings.name})`,
      asc(buildings.name),
      sql`length(${entrances.name})`,
      asc(entrances.name),
      sql`length(${units.number})`,
      asc(units.number),
      // As the unit's page lists its people: the main contact, owners, tenants, residents.
      sql`${unitPeople.primary} desc nulls last`,
      sql`case ${unitPeople.role} when 'owner' then 0 when 'tenant' then 1 else 2 end`,
      asc(unitPeople.createdAt),
      asc(unitPeople.name),
    );
  const showPhone = can(user, 'contact.phone.view');
  const body = rows.map((r) => [
    r.estate,
    r.building,
    r.entrance,
    r.unit,
    r.areaM2 === null ? '' : String(Number(r.areaM2)),
    r.name ?? '',
    (showPhone ? r.phone : maskPhone(r.phone)) ?? '',
    r.role ?? '',
  ]);
  // A byte-order mark, so Excel opens the UTF-8 file with its Chinese intact.
  return '\uFEFF' + toCsv([templateHeader(), ...body]);
}
