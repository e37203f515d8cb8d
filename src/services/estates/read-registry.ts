/**
 * Reading the registry: estates with their counts, an estate's units (by building, by a
 * search over unit numbers and people), one unit with its people. Phones are masked for
 * staff without contact.phone.view, as on the contact sidebar.
 */
import { and, asc, count, countDistinct, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { buildings, entrances, estates, unitPeople, units } from '../../../db/schema/index.js';
import { can, type Principal } from '../../domain/permissions.js';
import { normalizeBuildingName, normalizeUnitNumber, parseUnitAddress } from '../../domain/estates/unit-address.js';
import { maskPhone } from '../workspace/contact-view.js';

export interface EstateSummary {
  id: string;
  name: string;
  code: string | null;
  buildings: number;
  units: number;
  people: number;
}

export async function listEstates(db: Db): Promise<EstateSummary[]> {
  const rows = await db
    .select({
      id: estates.id,
      name: estates.name,
      code: estates.code,
      buildings: countDistinct(buildings.id),
      units: countDistinct(units.id),
      people: countDistinct(unitPeople.id),
    })
    .from(estates)
    .leftJoin(buildings, eq(buildings.estateId, estates.id))
    .leftJoin(entrances, eq(entrances.buildingId, buildings.id))
    .leftJoin(units, eq(units.entranceId, entrances.id))
    .leftJoin(unitPeople, eq(unitPeople.unitId, units.id))
    .groupBy(estates.id)
    .orderBy(asc(estates.name));
  return rows.map((r) => ({ ...r, buildings: Number(r.buildings), units: Number(r.units), people: Number(r.people) }));
}

export interface UnitSummary {
  id: string;
  building: string;
  entrance: string;
  number: string;
  areaM2: number | null;
  people: number;
}

export interface UnitPage {
  data: UnitSummary[];
  total: number;
  /** Offset of the next page, null on the last. */
  nextOffset: number | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Null when the estate does not exist. `byPhone`: whether `q` may match phones (only for staff who
 * may see them: otherwise a search would confirm a number the page then masks).
 */
export async function listUnits(db: Db, estateId: string, q: { building?: string; q?: string; limit: number; offset: number; byPhone: boolean }): Promise<UnitPage | null> {
  const [estate] = await db.select({ id: estates.id }).from(estates).where(eq(estates.id, estateId));
  if (!estate) return null;
  const where: (SQL | undefined)[] = [eq(buildings.estateId, estateId)];
  if (q.building) where.push(eq(buildings.name, normalizeBuildingName(q.building)));
  if (q.q) {
    const address = parseUnitAddress(q.q);
    if (address) {
      // "3栋2单元501" or "3-2-501": that unit exactly.
      where.push(eq(buildings.name, address.building), eq(units.number, address.unit));
      if (address.entrance) where.push(eq(entrances.name, address.entrance));
    } else {
      const like = `%${escapeLike(q.q.trim())}%`;
      const phone = q.byPhone ? sql` or ${unitPeople.phone} like ${like}` : sql``;
      const person = sql`exists (select 1 from ${unitPeople} where ${unitPeople.unitId} = ${units.id} and (${unitPeople.name} ilike ${like}${phone}))`;
      where.push(or(ilike(units.number, `%${escapeLike(normalizeUnitNumber(q.q))}%`), person));
    }
  }
  const filter = and(...where);
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(units)
    .innerJoin(entrances, eq(entrances.id, units.entranceId))
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .where(filter);
  const rows = await db
    .select({
      id: units.id,
      building: buildings.name,
      entrance: entrances.name,
      number: units.number,
      areaM2: units.areaM2,
      people: sql<number>`(select count(*) from ${unitPeople} where ${unitPeople.unitId} = ${units.id})::int`,
    })
    .from(units)
    .innerJoin(entrances, eq(entrances.id, units.entranceId))
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .where(filter)
    // Building and unit numbers sort as numbers where they are ("2" before "10").
    .orderBy(sql`length(${buildings.name})`, asc(buildings.name), sql`length(${entrances.name})`, asc(entrances.name), sql`length(${units.number})`, asc(units.number))
    .limit(q.limit)
    .offset(q.offset);
  const next = q.offset + rows.length;
  return {
    data: rows.map((r) => ({ ...r, areaM2: r.areaM2 === null ? null : Number(r.areaM2), people: Number(r.people) })),
    total: Number(total),
    nextOffset: next < Number(total) ? next : null,
  };
}

export interface UnitDetails {
  id: string;
  estate: { id: string; name: string };
  building: string;
  entrance: string;
  number: string;
  areaM2: number | null;
  people: { id: string; name: string; phone: string | null; role: 'owner' | 'tenant' | 'resident'; primary: boolean; contactId: string | null }[];
}

export async function unitDetails(db: Db, user: Principal, id: string): Promise<UnitDetails | null> {
  const [u] = await db
    .select({ id: units.id, estateId: estates.id, estateName: estates.name, building: buildings.name, entrance: entrances.name, number: units.number, areaM2: units.areaM2 })
    .from(units)
    .innerJoin(entrances, eq(entrances.id, units.entranceId))
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .innerJoin(estates, eq(estates.id, buildings.estateId))
    .where(eq(units.id, id));
  if (!u) return null;
  const people = await db
    .select({ id: unitPeople.id, name: unitPeople.name, phone: unitPeople.phone, role: unitPeople.role, primary: unitPeople.primary, contactId: unitPeople.contactId })
    .from(unitPeople)
    .where(eq(unitPeople.unitId, id))
    .orderBy(sql`${unitPeople.primary} desc`, sql`case ${unitPeople.role} when 'owner' then 0 when 'tenant' then 1 else 2 end`, asc(unitPeople.createdAt), asc(unitPeople.name));
  const showPhone = can(user, 'contact.phone.view');
  return {
    id: u.id,
    estate: { id: u.estateId, name: u.estateName },
    building: u.building,
    entrance: u.entrance,
    number: u.number,
    areaM2: u.areaM2 === null ? null : Number(u.areaM2),
    people: people.map((p) => ({ ...p, phone: showPhone ? p.phone : maskPhone(p.phone) })),
  };
}
