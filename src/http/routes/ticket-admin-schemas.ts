/** Schemas of the ticket settings API (departments, calendars, SLA policies, notice templates). */
import { z } from '@hono/zod-openapi';
import { businessCalendarSchema, DEFAULT_WARN_AT_PERCENT, TICKET_PRIORITIES } from '../../domain/tickets/index.js';
import { ticketSettingsPatchSchema, ticketSettingsSchema } from '../../services/tickets/index.js';

const Ref = z.object({ id: z.string(), name: z.string() });

export const DepartmentSchema = z
  .object({ id: z.string(), key: z.string().nullable(), name: z.string(), active: z.boolean(), head: Ref.nullable(), members: z.array(Ref) })
  .openapi('Department');

export const DepartmentBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    headId: z.string().uuid().nullable().optional(),
    memberIds: z.array(z.string().uuid()).max(500).optional(),
    active: z.boolean().optional(),
  })
  .openapi('DepartmentRequest');

/** The domain's calendar schema is the API's too: what is stored is exactly what was validated. */
export const CalendarBody = businessCalendarSchema;
export const CalendarSchema = businessCalendarSchema;

export const PolicySchema = z
  .object({
    id: z.string(),
    lineageId: z.string(),
    version: z.number().int(),
    name: z.string(),
    category: z.string(),
    priority: z.enum(TICKET_PRIORITIES),
    calendarId: z.string(),
    firstResponseMinutes: z.number().int(),
    resolutionMinutes: z.number().int(),
    warnAtPercent: z.number(),
    createdAt: z.string(),
  })
  .openapi('SlaPolicy');

export const PolicyBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    // A plain string, so an unknown category is a 422 like an unknown calendar.
    category: z.string().min(1).max(64),
    priority: z.enum(TICKET_PRIORITIES),
    calendarId: z.string().min(1).max(64),
    firstResponseMinutes: z.number().int().positive(),
    resolutionMinutes: z.number().int().positive(),
    warnAtPercent: z.number().gt(0).lte(100).default(DEFAULT_WARN_AT_PERCENT),
  })
  .openapi('SlaPolicyRequest');

// No defaults here: a field left out keeps the previous version's value.
export const PolicyPatchBody = PolicyBody.extend({ warnAtPercent: z.number().gt(0).lte(100) })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' })
  .openapi('SlaPolicyVersionRequest');

export const TicketSettingsSchema = ticketSettingsSchema;
export const TicketSettingsPatchBody = ticketSettingsPatchSchema;
