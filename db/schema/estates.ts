/**
 * The registry of where owners live: estate (小区) → building (楼栋) → entrance (单元) →
 * unit (房号), and the people bound to units (业主 / 租户 / 住户). Names are stored in their
 * normalised form (src/domain/estates/unit-address.ts), so "3栋" and "3号楼" are one building.
 * A building without entrances has one entrance named '' (the unit hangs off it directly).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';
import { users } from './users.js';

export const estates = pgTable('estates', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique('estates_name_uq'),
  /** The center's own short code for the estate (accounting, signage); optional. */
  code: text('code').unique('estates_code_uq'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const buildings = pgTable(
  'buildings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    estateId: uuid('estate_id')
      .notNull()
      .references(() => estates.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('buildings_estate_name_uq').on(t.estateId, t.name)],
);

export const entrances = pgTable(
  'entrances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => buildings.id, { onDelete: 'cascade' }),
    /** '' for a building whose units are not grouped by entrance. */
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('entrances_building_name_uq').on(t.buildingId, t.name)],
);

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entranceId: uuid('entrance_id')
      .notNull()
      .references(() => entrances.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    /** Floor area in m² (建筑面积), as the roster gives it. */
    areaM2: numeric('area_m2', { precision: 10, scale: 2 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('units_entrance_number_uq').on(t.entranceId, t.number), check('units_area_positive', sql`${t.areaM2} is null or ${t.areaM2} > 0`)],
);

export const UNIT_PERSON_ROLES = ['owner', 'tenant', 'resident'] as const;
export type UnitPersonRole = (typeof UNIT_PERSON_ROLES)[number];

/**
 * A person bound to a unit. One person may be on several units (one row each) and a unit may
 * have several people. `contactId` links the row to the inbox's contact once the binding is
 * verified; a roster import leaves it empty (what the file says is not a verification).
 */
export const unitPeople = pgTable(
  'unit_people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    /** Normalised: 11 digits for a mobile, 0AA(A)-NNNNNNN(N) for a landline. */
    phone: text('phone'),
    role: text('role', { enum: UNIT_PERSON_ROLES }).notNull(),
    /** The unit's main contact (户主), e.g. for notices; set by staff, not by the import. */
    primary: boolean('primary').notNull().default(false),
    /** The agent who confirmed `contactId` (never the owner's own word), and when. */
    boundById: uuid('bound_by_id').references(() => users.id, { onDelete: 'set null' }),
    boundAt: timestamp('bound_at', { withTimezone: true }),
    /** The row exists only because an agent bound a contact not on the roster: unbinding deletes it. */
    createdByBinding: boolean('created_by_binding').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A person is known within a unit by name: re-importing the same roster updates, never duplicates.
    unique('unit_people_unit_name_uq').on(t.unitId, t.name),
    check('unit_people_role', sql`${t.role} in ('owner', 'tenant', 'resident')`),
    index('unit_people_contact_idx').on(t.contactId),
    // The owner's answer to "the phone number on record" is looked up by phone.
    index('unit_people_phone_idx').on(t.phone),
  ],
);
