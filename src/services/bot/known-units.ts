/**
 * The estate registry as the bot's repair report checks a unit against it. The pure step takes
 * the known units as a list; the registry may hold tens of thousands, so only the one the owner
 * typed is looked up: the list is that unit when the registry has it, empty when it does not,
 * and null when the registry holds no units at all (nothing to check against yet).
 */
import { and, eq, sql } from 'drizzle-orm';
import { buildings, entrances, units } from '../../../db/schema/index.js';
import { normalizeUnit } from '../../domain/bot/unit.js';
import { parseUnitAddress } from '../../domain/estates/unit-address.js';
import type { Tx } from '../ports.js';

export async function knownUnitsFor(tx: Tx, typed: string): Promise<readonly string[] | null> {
  const [any] = await tx.select({ one: sql<number>`1` }).from(units).limit(1);
  if (!any) return null;
  const unit = normalizeUnit(typed);
  const address = parseUnitAddress(typed);
  if (!unit || !address) return [];
  const [found] = await tx
    .select({ id: units.id })
    .from(units)
    .innerJoin(entrances, eq(entrances.id, units.entranceId))
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .where(and(eq(buildings.name, address.building), eq(entrances.name, address.entrance ?? ''), eq(units.number, address.unit)))
    .limit(1);
  return found ? [unit] : [];
}
