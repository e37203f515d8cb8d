/**
 * What the registry holds for the estates a roster names, keyed as the import plan keys it,
 * with the ids the writes need. One query over the four levels (and their people).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { buildings, entrances, estates, unitPeople, units } from '../../../db/schema/index.js';
import { buildingKey, entranceKey, personKeyOf, unitKey, type RegistrySnapshot } from '../../domain/estates/roster-plan.js';
import type { PersonRole } from '../../domain/estates/roster-rows.js';

export interface RegistryIds {
  estates: Map<string, string>;
  buildings: Map<string, string>;
  entrances: Map<string, string>;
  units: Map<string, string>;
}

export interface LoadedRegistry {
  snapshot: RegistrySnapshot;
  ids: RegistryIds;
}

export async function loadRegistry(db: Db, estateNames: string[]): Promise<LoadedRegistry> {
  const ids: RegistryIds = { estates: new Map(), buildings: new Map(), entrances: new Map(), units: new Map() };
  const unitAreas = new Map<string, string | null>();
  const people = new Map<string, { phone: string | null; role: PersonRole }>();
  if (estateNames.length === 0) return { snapshot: { estates: new Set(), buildings: new Set(), entrances: new Set(), units: unitAreas, people }, ids };
  const found = await db.select({ id: estates.id, name: estates.name }).from(estates).where(inArray(estates.name, estateNames));
  for (const e of found) ids.estates.set(e.name, e.id);
  if (found.length) {
    const estateIds = found.map((e) => e.id);
    const nameOf = new Map(found.map((e) => [e.id, e.name]));
    const bs = await db.select({ id: buildings.id, estateId: buildings.estateId, name: buildings.name }).from(buildings).where(inArray(buildings.estateId, estateIds));
    for (const b of bs) ids.buildings.set(buildingKey(nameOf.get(b.estateId)!, b.name), b.id);
    const es = await db
      .select({ id: entrances.id, estateId: buildings.estateId, building: buildings.name, name: entrances.name })
      .from(entrances)
      .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
      .where(inArray(buildings.estateId, estateIds));
    for (const e of es) ids.entrances.set(entranceKey(nameOf.get(e.estateId)!, e.building, e.name), e.id);
    const us = await db
      .select({ id: units.id, number: units.number, areaM2: units.areaM2, estateId: buildings.estateId, building: buildings.name, entrance: entrances.name })
      .from(units)
      .innerJoin(entrances, eq(entrances.id, units.entranceId))
      .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
      .where(inArray(buildings.estateId, estateIds));
    const unitKeyOf = new Map<string, string>();
    for (const u of us) {
      const key = unitKey({ estate: nameOf.get(u.estateId)!, building: u.building, entrance: u.entrance, unit: u.number });
      ids.units.set(key, u.id);
      unitKeyOf.set(u.id, key);
      unitAreas.set(key, u.areaM2);
    }
    const ps = await db
      .select({ unitId: unitPeople.unitId, name: unitPeople.name, phone: unitPeople.phone, role: unitPeople.role })
      .from(unitPeople)
      .innerJoin(units, eq(units.id, unitPeople.unitId))
      .innerJoin(entrances, eq(entrances.id, units.entranceId))
      .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
      .where(inArray(buildings.estateId, estateIds));
    for (const p of ps) people.set(personKeyOf(unitKeyOf.get(p.unitId)!, p.name), { phone: p.phone, role: p.role });
  }
  return {
    snapshot: { estates: new Set(ids.estates.keys()), buildings: new Set(ids.buildings.keys()), entrances: new Set(ids.entrances.keys()), units: unitAreas, people },
    ids,
  };
}
