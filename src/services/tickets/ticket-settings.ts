/**
 * Administrator-editable ticket settings: the owner-facing standard phrases (with variables)
 * and the follow-up rules. Stored in the settings table; defaults apply until changed.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { settings } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { OFFICE_HOURS } from '../../domain/tickets/index.js';
import type { Tx } from '../ports.js';

export const TICKET_SETTINGS_KEY = 'tickets.settings';

/** Variables every template may use; the API refuses others so a typo cannot reach an owner. */
export const TEMPLATE_VARIABLES = ['number', 'category', 'summary', 'responseBy', 'resolveBy', 'contactName', 'score'] as const;

export const DEFAULT_TEMPLATES = {
  /** Told to the owner the moment the ticket exists: number and promised times (规范服务用语). */
  created:
    '您好{contactName}，您反映的问题已登记为工单 {number}（{category}）。我们将于 {responseBy} 前答复您，预计 {resolveBy} 前处理完毕。\n' +
    'Your request is registered as ticket {number}. We will answer by {responseBy} and expect to finish by {resolveBy}.',
  surveyRequest:
    '您的工单 {number} 已处理完毕。请为本次服务打分（1 分最差，5 分最满意），也可直接回复数字 1–5；如问题未解决，请回复“未解决”。\n' +
    'Ticket {number} has been resolved. Please rate our service from 1 (poor) to 5 (excellent), or reply with a number; reply "not solved" if it is not.',
  surveyThanks: '感谢您的评价（{score} 分）！如有补充意见，可直接回复本消息。\nThank you for your rating ({score}). Reply here if you would like to add a comment.',
  surveyReopened:
    '很抱歉未能让您满意。工单 {number} 已重新处理，客服主管将跟进。\nWe are sorry. Ticket {number} has been reopened and a supervisor will follow up.',
} as const;

export type TemplateKey = keyof typeof DEFAULT_TEMPLATES;

const templateSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((t) => [...t.matchAll(/\{(\w+)\}/g)].every((m) => (TEMPLATE_VARIABLES as readonly string[]).includes(m[1] ?? '')), {
    message: `unknown variable; use ${TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' ')}`,
  });

export const ticketSettingsSchema = z.object({
  templates: z.object({
    created: templateSchema,
    surveyRequest: templateSchema,
    surveyThanks: templateSchema,
    surveyReopened: templateSchema,
  }),
  /** Days an owner has to answer the survey before the ticket closes as "no feedback". */
  noFeedbackDays: z.number().min(0).max(60),
  /** Working days of the follow-up visit: office hours unless set. */
  followUpCalendarId: z.string().min(1),
});

export type TicketSettings = z.infer<typeof ticketSettingsSchema>;

export const DEFAULT_TICKET_SETTINGS: TicketSettings = {
  templates: { ...DEFAULT_TEMPLATES },
  noFeedbackDays: 3,
  followUpCalendarId: OFFICE_HOURS.id,
};

export const ticketSettingsPatchSchema = z.object({
  templates: ticketSettingsSchema.shape.templates.partial().optional(),
  noFeedbackDays: ticketSettingsSchema.shape.noFeedbackDays.optional(),
  followUpCalendarId: ticketSettingsSchema.shape.followUpCalendarId.optional(),
});
export type TicketSettingsPatch = z.infer<typeof ticketSettingsPatchSchema>;

/** Stored values over the defaults; a stored value that no longer validates falls back to its default. */
export async function getTicketSettings(db: Db | Tx): Promise<TicketSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, TICKET_SETTINGS_KEY));
  const stored = ticketSettingsPatchSchema.safeParse(row?.value ?? {});
  const patch = stored.success ? stored.data : {};
  return {
    templates: { ...DEFAULT_TICKET_SETTINGS.templates, ...(patch.templates ?? {}) },
    noFeedbackDays: patch.noFeedbackDays ?? DEFAULT_TICKET_SETTINGS.noFeedbackDays,
    followUpCalendarId: patch.followUpCalendarId ?? DEFAULT_TICKET_SETTINGS.followUpCalendarId,
  };
}

export async function saveTicketSettings(db: Db, patch: TicketSettingsPatch, now: Date): Promise<TicketSettings> {
  const current = await getTicketSettings(db);
  const next: TicketSettings = {
    templates: { ...current.templates, ...(patch.templates ?? {}) },
    noFeedbackDays: patch.noFeedbackDays ?? current.noFeedbackDays,
    followUpCalendarId: patch.followUpCalendarId ?? current.followUpCalendarId,
  };
  await db
    .insert(settings)
    .values({ key: TICKET_SETTINGS_KEY, value: next, updatedAt: now })
    .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: now } });
  return next;
}
