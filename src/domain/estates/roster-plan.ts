/**
 * What importing checked roster rows would change, against what the registry holds: which
 * estates, buildings, entrances, units and people are new, and which units (area) and people
 * (phone, role) differ. The same plan drives the dry run's counts and the real import's
 * writes, so the two cannot disagree; rows already in the registry as they are change nothing.
 * An import adds and updates; it never removes what the file leaves out.
 */
import type { PersonRole, RosterRow } from './roster-rows.js';

export interface RegistrySnapshot {
  estates: ReadonlySet<string>;
  buildings: ReadonlySet<string>;
  entrances: ReadonlySet<string>;
  /** unit key → area (decimal text or null). */
  units: ReadonlyMap<string, string | null>;
  /** person key → what is stored. */
  people: ReadonlyMap<string, { phone: string | null; role: PersonRole }>;
}

export interface Change {
  create: number;
  update: number;
}

export interface RosterPlan {
  counts: { estates: Change; buildings: Change; entrances: Change; units: Change; people: Change };
  /** Units to insert or whose area to set, one per unit. */
  units: RosterRow[];
  /** People to insert or whose phone/role to set. */
  people: RosterRow[];
  estates: string[];
  buildings: { estate: string; building: string }[];
  entrances: { estate: string; building: string; entrance: string }[];
}

const SEP = '\u0000';
export const buildingKey = (estate: string, building: string) => [estate, building].join(SEP);
export const entranceKey = (estate: string, building: string, entrance: string) => [estate, building, entrance].join(SEP);
export const unitKey = (r: Pick<RosterRow, 'estate' | 'building' | 'entrance' | 'unit'>) => [r.estate, r.building, r.entrance, r.unit].join(SEP);
export const personKeyOf = (unit: string, name: string) => [unit, name].join(SEP);
export const personKey = (r: Pick<RosterRow, 'estate' | 'building' | 'entrance' | 'unit'>, name: string) => personKeyOf(unitKey(r), name);

/** "89.5" and "89.50" are the same area. */
const sameArea = (a: string | null, b: string | null) => (a === null || b === null ? a === b : Number(a) === Number(b));

export function planRoster(rows: readonly RosterRow[], existing: RegistrySnapshot): RosterPlan {
  const estates = new Set<string>();
  const buildings = new Map<string, { estate: string; building: string }>();
  const entrances = new Map<string, { estate: string; building: string; entrance: string }>();
  const units = new Map<string, { row: RosterRow; create: boolean }>();
  const people: RosterRow[] = [];
  let peopleCreated = 0;
  for (const r of rows) {
    if (!existing.estates.has(r.estate)) estates.add(r.estate);
    const bk = buildingKey(r.estate, r.building);
    if (!existing.buildings.has(bk)) buildings.set(bk, { estate: r.estate, building: r.building });
    const ek = entranceKey(r.estate, r.building, r.entrance);
    if (!existing.entrances.has(ek)) entrances.set(ek, { estate: r.estate, building: r.building, entrance: r.entrance });
    const uk = unitKey(r);
    if (!units.has(uk)) {
      const stored = existing.units.get(uk);
      if (stored === undefined) units.set(uk, { row: r, create: true });
      else if (!sameArea(stored, r.areaM2)) units.set(uk, { row: r, create: false });
    }
    if (r.person) {
      const stored = existing.people.get(personKey(r, r.person.name));
      if (!stored) {
        peopleCreated++;
        people.push(r);
      } else if (stored.phone !== r.person.phone || stored.role !== r.person.role) people.push(r);
    }
  }
  const unitRows = [...units.values()];
  const unitsCreated = unitRows.filter((u) => u.create).length;
  return {
    counts: {
      estates: { create: estates.size, update: 0 },
      buildings: { create: buildings.size, update: 0 },
      entrances: { create: entrances.size, update: 0 },
      units: { create: unitsCreated, update: unitRows.length - unitsCreated },
      people: { create: peopleCreated, update: people.length - peopleCreated },
    },
    units: unitRows.map((u) => u.row),
    people,
    estates: [...estates],
    buildings: [...buildings.values()],
    entrances: [...entrances.values()],
  };
}
