/**
 * Versioned SLA policies. Creating a policy starts a lineage at version 1; changing one adds
 * the next version. Nothing is updated in place, so a ticket's policy row never changes.
 */
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import { businessCalendars, slaPolicies } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import {
  ALWAYS_OPEN,
  DEFAULT_WARN_AT_PERCENT,
  OFFICE_HOURS,
  pickPolicy,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  type SlaPolicy,
  type TicketCategory,
  type TicketPriority,
} from '../../domain/tickets/index.js';
import type { Tx } from '../ports.js';
import { isUuid, TicketError } from './errors.js';

type Reader = Db | Tx;
type Row = typeof slaPolicies.$inferSelect;

export interface SlaPolicyView {
  id: string;
  lineageId: string;
  version: number;
  name: string;
  category: TicketCategory;
  priority: TicketPriority;
  calendarId: string;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warnAtPercent: number;
  createdAt: string;
}

export function toPolicy(row: Row): SlaPolicy {
  return {
    id: row.id,
    name: row.name,
    category: row.category as TicketCategory,
    priority: row.priority as TicketPriority,
    calendarId: row.calendarId,
    firstResponseMinutes: row.firstResponseMinutes,
    resolutionMinutes: row.resolutionMinutes,
    warnAtPercent: row.warnAtPercent,
    version: row.version,
    createdAt: row.createdAt,
  };
}

export function toPolicyView(row: Row): SlaPolicyView {
  return { ...toPolicy(row), lineageId: row.lineageId, createdAt: row.createdAt.toISOString() };
}

/** Minutes per priority: urgent work runs on the 24/7 calendar, the rest in office hours. */
const DEFAULTS: Record<TicketPriority, { calendarId: string; firstResponseMinutes: number; resolutionMinutes: number }> = {
  urgent: { calendarId: ALWAYS_OPEN.id, firstResponseMinutes: 15, resolutionMinutes: 240 },
  high: { calendarId: OFFICE_HOURS.id, firstResponseMinutes: 30, resolutionMinutes: 480 },
  normal: { calendarId: OFFICE_HOURS.id, firstResponseMinutes: 60, resolutionMinutes: 1440 },
  low: { calendarId: OFFICE_HOURS.id, firstResponseMinutes: 240, resolutionMinutes: 2880 },
};

/**
 * The starting policies, one per category and priority. Fixed ids make seeding idempotent
 * across instances; dated at the epoch, so any policy an administrator adds is newer.
 */
export async function seedPolicies(db: Db): Promise<void> {
  let n = 0;
  for (const category of TICKET_CATEGORIES) {
    for (const priority of TICKET_PRIORITIES) {
      n++;
      const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      await db
        .insert(slaPolicies)
        .values({ id, lineageId: id, version: 1, name: `Default ${category}/${priority}`, category, priority, warnAtPercent: DEFAULT_WARN_AT_PERCENT, createdAt: new Date(0), ...DEFAULTS[priority] })
        .onConflictDoNothing();
    }
  }
}

/** Every version, newest first (the API lists history too: it is what old tickets ran on). */
export async function listPolicies(db: Reader): Promise<SlaPolicyView[]> {
  return (await db.select().from(slaPolicies).orderBy(asc(slaPolicies.category), asc(slaPolicies.priority), desc(slaPolicies.createdAt), desc(slaPolicies.version))).map(toPolicyView);
}

/** The policy that applies to a ticket of this category and priority created at `at`. */
export async function policyFor(db: Reader, category: TicketCategory, priority: TicketPriority, at: Date): Promise<SlaPolicy | null> {
  const rows = await db
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.category, category), eq(slaPolicies.priority, priority), lte(slaPolicies.createdAt, at)))
    .orderBy(desc(slaPolicies.createdAt), desc(slaPolicies.version))
    .limit(5);
  return pickPolicy(rows.map(toPolicy), category, priority, at);
}

export interface PolicyInput {
  name: string;
  category: string;
  priority: TicketPriority;
  calendarId: string;
  firstResponseMinutes: number;
  resolutionMinutes: number;
  warnAtPercent: number;
}

async function validate(db: Reader, input: PolicyInput): Promise<TicketCategory> {
  if (!(TICKET_CATEGORIES as readonly string[]).includes(input.category)) throw new TicketError('unknown_category', `unknown category ${input.category}`);
  const [cal] = await db.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.id, input.calendarId));
  if (!cal) throw new TicketError('unknown_calendar', `unknown calendar ${input.calendarId}`);
  return input.category as TicketCategory;
}

export async function createPolicy(db: Db, input: PolicyInput, by: string | null, now: Date): Promise<SlaPolicyView> {
  const category = await validate(db, input);
  const id = crypto.randomUUID();
  const [row] = await db
    .insert(slaPolicies)
    .values({ ...input, id, lineageId: id, version: 1, category, createdById: by, createdAt: now })
    .returning();
  if (!row) throw new Error('policy insert returned nothing');
  return toPolicyView(row);
}

/** A changed policy: the next version of the lineage of `id`; older versions stay as they were. */
export async function addPolicyVersion(db: Db, id: string, input: Partial<PolicyInput>, by: string | null, now: Date): Promise<SlaPolicyView | null> {
  if (!isUuid(id)) return null;
  const [base] = await db.select().from(slaPolicies).where(eq(slaPolicies.id, id));
  if (!base) return null;
  const merged: PolicyInput = {
    name: input.name ?? base.name,
    category: input.category ?? base.category,
    priority: input.priority ?? (base.priority as TicketPriority),
    calendarId: input.calendarId ?? base.calendarId,
    firstResponseMinutes: input.firstResponseMinutes ?? base.firstResponseMinutes,
    resolutionMinutes: input.resolutionMinutes ?? base.resolutionMinutes,
    warnAtPercent: input.warnAtPercent ?? base.warnAtPercent,
  };
  const category = await validate(db, merged);
  try {
    return await db.transaction(async (tx) => {
      // Two edits at the same instant compute the same number; the unique (lineage, version) refuses the second.
      const [{ next } = { next: 1 }] = await tx
        .select({ next: sql<number>`coalesce(max(${slaPolicies.version}), 0) + 1` })
        .from(slaPolicies)
        .where(eq(slaPolicies.lineageId, base.lineageId));
      const [row] = await tx
        .insert(slaPolicies)
        .values({ ...merged, category, lineageId: base.lineageId, version: Number(next), createdById: by, createdAt: now })
        .returning();
      if (!row) throw new Error('policy insert returned nothing');
      return toPolicyView(row);
    });
  } catch (err) {
    // Two edits of one policy at once: the second would take the same version number.
    if (isUniqueViolation(err)) throw new TicketError('stale_version', 'the policy was changed at the same moment; try again');
    throw err;
  }
}

function isUniqueViolation(err: unknown): boolean {
  for (let cur: unknown = err, i = 0; cur && typeof cur === 'object' && i < 4; cur = (cur as { cause?: unknown }).cause, i++) {
    if ((cur as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
