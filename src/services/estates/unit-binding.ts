/**
 * Binding a contact to a unit of the registry. Only an agent does it, after checking (the phone
 * on record, a visit): what the owner typed to the bot stays in contacts.unit as a hint and never
 * binds by itself. The binding is a unit_people row whose contact_id is set, with who confirmed it.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { buildings, contacts, entrances, estates, unitPeople, units, users, type UnitPersonRole } from '../../../db/schema/index.js';
import { formatUnitAddress } from '../../domain/estates/unit-address.js';
import { can, type Principal } from '../../domain/permissions.js';
import type { Tx } from '../ports.js';
import { maskPhone } from '../workspace/contact-view.js';
import type { TicketHistoryEntry, TicketPort } from '../workspace/ticket-port.js';

/** How many of a unit's tickets the sidebar shows. */
export const UNIT_TICKET_HISTORY = 20;

export class BindingRefused extends Error {
  constructor(
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface Binding {
  personId: string;
  unitId: string;
  contactId: string;
  role: UnitPersonRole;
  boundAt: string;
}

/**
 * Binds `contactId` to `unitId`: on the roster row `personId` when given, else on a row of its own
 * named after the contact. Binding again the same way only refreshes who confirmed it.
 */
export async function bindContactToUnit(
  db: Db,
  by: { id: string },
  contactId: string,
  unitId: string,
  body: { role?: UnitPersonRole; personId?: string },
): Promise<Binding> {
  return db.transaction(async (tx) => {
    const [contact] = await tx.select({ id: contacts.id, name: contacts.name }).from(contacts).where(eq(contacts.id, contactId));
    if (!contact) throw new BindingRefused(404, 'contact not found');
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, unitId));
    if (!unit) throw new BindingRefused(404, 'unit not found');
    const boundAt = new Date();
    const stamp = { contactId, boundById: by.id, boundAt, updatedAt: boundAt };
    if (body.personId) {
      const [person] = await tx.select().from(unitPeople).where(and(eq(unitPeople.id, body.personId), eq(unitPeople.unitId, unitId)));
      if (!person) throw new BindingRefused(404, 'no such person on this unit');
      // Re-pointing someone else's verified binding would silently undo another agent's check.
      if (person.contactId && person.contactId !== contactId) throw new BindingRefused(409, 'this person is bound to another contact: unbind that first');
      // One binding per contact and unit: a row the contact held before gives way to the roster row.
      await releaseOtherRows(tx, contactId, unitId, person.id);
      const [row] = await tx
        .update(unitPeople)
        .set({ ...stamp, ...(body.role ? { role: body.role } : {}) })
        .where(eq(unitPeople.id, person.id))
        .returning();
      return toBinding(row!);
    }
    const [existing] = await tx.select().from(unitPeople).where(and(eq(unitPeople.unitId, unitId), eq(unitPeople.contactId, contactId)));
    if (existing) {
      const [row] = await tx
        .update(unitPeople)
        .set({ ...stamp, ...(body.role ? { role: body.role } : {}) })
        .where(eq(unitPeople.id, existing.id))
        .returning();
      return toBinding(row!);
    }
    const [namesake] = await tx.select({ id: unitPeople.id }).from(unitPeople).where(and(eq(unitPeople.unitId, unitId), eq(unitPeople.name, contact.name)));
    // The roster already has someone of that name: the agent must say whether it is this contact.
    if (namesake) throw new BindingRefused(409, `the unit already lists a person named ${contact.name}: bind with personId ${namesake.id}`);
    const [row] = await tx
      .insert(unitPeople)
      .values({ unitId, name: contact.name, role: body.role ?? 'owner', createdByBinding: true, ...stamp })
      .returning();
    return toBinding(row!);
  });
}

async function releaseOtherRows(tx: Tx, contactId: string, unitId: string, keepId: string) {
  const rows = await tx.select().from(unitPeople).where(and(eq(unitPeople.unitId, unitId), eq(unitPeople.contactId, contactId)));
  for (const r of rows) if (r.id !== keepId) await unbindRow(tx, r);
}

async function unbindRow(tx: Tx, row: typeof unitPeople.$inferSelect) {
  if (row.createdByBinding) await tx.delete(unitPeople).where(eq(unitPeople.id, row.id));
  else await tx.update(unitPeople).set({ contactId: null, boundById: null, boundAt: null, updatedAt: new Date() }).where(eq(unitPeople.id, row.id));
}

const toBinding = (r: typeof unitPeople.$inferSelect): Binding => ({
  personId: r.id,
  unitId: r.unitId,
  contactId: r.contactId!,
  role: r.role,
  boundAt: (r.boundAt ?? r.updatedAt).toISOString(),
});

/** False when the contact was not bound to the unit. */
export async function unbindContactFromUnit(db: Db, contactId: string, unitId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(unitPeople).where(and(eq(unitPeople.unitId, unitId), eq(unitPeople.contactId, contactId)));
    for (const r of rows) await unbindRow(tx, r);
    return rows.length > 0;
  });
}

export interface BoundUnit {
  unit: { id: string; estate: string; building: string; entrance: string; number: string; address: string };
  role: UnitPersonRole;
  boundBy: { id: string; name: string } | null;
  boundAt: string | null;
  people: { name: string; role: UnitPersonRole; phone: string | null }[];
  tickets: TicketHistoryEntry[];
}

/** The units bound to a contact, each with its people and its ticket history (any bound contact's, for inbox-wide readers). */
export async function boundUnits(db: Db, ticketPort: TicketPort, user: Principal, contactId: string): Promise<BoundUnit[]> {
  const rows = await db
    .select({
      unitId: units.id,
      estate: estates.name,
      building: buildings.name,
      entrance: entrances.name,
      number: units.number,
      role: unitPeople.role,
      boundById: unitPeople.boundById,
      boundByName: users.name,
      boundAt: unitPeople.boundAt,
    })
    .from(unitPeople)
    .innerJoin(units, eq(units.id, unitPeople.unitId))
    .innerJoin(entrances, eq(entrances.id, units.entranceId))
    .innerJoin(buildings, eq(buildings.id, entrances.buildingId))
    .innerJoin(estates, eq(estates.id, buildings.estateId))
    .leftJoin(users, eq(users.id, unitPeople.boundById))
    .where(eq(unitPeople.contactId, contactId))
    .orderBy(asc(estates.name), asc(buildings.name), asc(entrances.name), asc(units.number));
  if (rows.length === 0) return [];
  const unitIds = rows.map((r) => r.unitId);
  const people = await db
    .select({ unitId: unitPeople.unitId, name: unitPeople.name, role: unitPeople.role, phone: unitPeople.phone, contactId: unitPeople.contactId })
    .from(unitPeople)
    .where(inArray(unitPeople.unitId, unitIds))
    .orderBy(sql`${unitPeople.primary} desc`, sql`case ${unitPeople.role} when 'owner' then 0 when 'tenant' then 1 else 2 end`, asc(unitPeople.createdAt), asc(unitPeople.name));
  const showPhone = can(user, 'contact.phone.view');
  const readsAll = can(user, 'conversation.read.all');
  const result: BoundUnit[] = [];
  for (const r of rows) {
    const ofUnit = people.filter((p) => p.unitId === r.unitId);
    // Staff who read only their own conversations see this contact's tickets, not the neighbours'.
    const boundContacts = readsAll ? [...new Set(ofUnit.filter((p) => p.contactId).map((p) => p.contactId!))] : [contactId];
    result.push({
      unit: {
        id: r.unitId,
        estate: r.estate,
        building: r.building,
        entrance: r.entrance,
        number: r.number,
        address: formatUnitAddress({ building: r.building, entrance: r.entrance || null, unit: r.number }),
      },
      role: r.role,
      boundBy: r.boundById && r.boundByName !== null ? { id: r.boundById, name: r.boundByName } : null,
      boundAt: r.boundAt?.toISOString() ?? null,
      people: ofUnit.map((p) => ({ name: p.name, role: p.role, phone: showPhone ? p.phone : maskPhone(p.phone) })),
      tickets: await ticketPort.historyForContacts(db, boundContacts, UNIT_TICKET_HISTORY),
    });
  }
  return result;
}
