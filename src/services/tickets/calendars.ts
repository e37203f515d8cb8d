/** Business calendars as stored rows, always read back through the domain's schema. */
import { asc, eq, inArray } from 'drizzle-orm';
import { ZodError } from 'zod';
import { businessCalendars } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { businessCalendarSchema, SEED_CALENDARS, type BusinessCalendar, type BusinessCalendarInput } from '../../domain/tickets/index.js';
import { compileCalendar } from '../../domain/tickets/calendar.js';
import type { Tx } from '../ports.js';
import { TicketError } from './errors.js';

type Reader = Db | Tx;
type Row = typeof businessCalendars.$inferSelect;

function definitionOf(cal: BusinessCalendar): Record<string, unknown> {
  const { id: _id, name: _name, ...definition } = cal;
  return definition;
}

function fromRow(row: Row): BusinessCalendar {
  return businessCalendarSchema.parse({ ...row.definition, id: row.id, name: row.name });
}

export async function seedCalendars(db: Db): Promise<void> {
  for (const cal of SEED_CALENDARS) {
    await db.insert(businessCalendars).values({ id: cal.id, name: cal.name, definition: definitionOf(cal) }).onConflictDoNothing();
  }
}

export async function listCalendars(db: Reader): Promise<BusinessCalendar[]> {
  return (await db.select().from(businessCalendars).orderBy(asc(businessCalendars.createdAt), asc(businessCalendars.id))).map(fromRow);
}

/** Loads calendars by id, remembering them for the rest of one operation (a sweep, a list). */
export function calendarLoader(db: Reader) {
  const cache = new Map<string, BusinessCalendar | null>();
  return {
    async get(id: string): Promise<BusinessCalendar | null> {
      if (cache.has(id)) return cache.get(id) ?? null;
      const [row] = await db.select().from(businessCalendars).where(eq(businessCalendars.id, id));
      const cal = row ? fromRow(row) : null;
      cache.set(id, cal);
      return cal;
    },
    async preload(ids: string[]): Promise<void> {
      const missing = [...new Set(ids)].filter((id) => !cache.has(id));
      if (missing.length === 0) return;
      for (const row of await db.select().from(businessCalendars).where(inArray(businessCalendars.id, missing))) cache.set(row.id, fromRow(row));
    },
  };
}
export type CalendarLoader = ReturnType<typeof calendarLoader>;

/** Validates a calendar body; a calendar that can never open would stall every deadline, so it is refused. */
function parseCalendar(input: BusinessCalendarInput): BusinessCalendar {
  let cal: BusinessCalendar;
  try {
    cal = businessCalendarSchema.parse(input);
  } catch (err) {
    if (err instanceof ZodError) throw new TicketError('invalid', err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
    throw err;
  }
  if (compileCalendar(cal).neverOpen) throw new TicketError('invalid', 'the calendar has no working hours on any weekday');
  return cal;
}

export async function createCalendar(db: Db, input: BusinessCalendarInput): Promise<BusinessCalendar> {
  const cal = parseCalendar(input);
  const rows = await db.insert(businessCalendars).values({ id: cal.id, name: cal.name, definition: definitionOf(cal) }).onConflictDoNothing().returning();
  if (rows.length === 0) throw new TicketError('invalid', `a calendar with id ${cal.id} exists`);
  return cal;
}

/**
 * Replaces a calendar (typically to enter next year's holidays). Deadlines already promised
 * keep their stored instants; remaining-time figures of open tickets follow the new hours.
 */
export async function updateCalendar(db: Db, id: string, input: Omit<BusinessCalendarInput, 'id'>, now: Date): Promise<BusinessCalendar | null> {
  const cal = parseCalendar({ ...input, id });
  const rows = await db
    .update(businessCalendars)
    .set({ name: cal.name, definition: definitionOf(cal), updatedAt: now })
    .where(eq(businessCalendars.id, id))
    .returning();
  return rows.length > 0 ? cal : null;
}
