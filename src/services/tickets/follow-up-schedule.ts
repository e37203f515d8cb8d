/**
 * What resolving a ticket sets in motion: the follow-up visit (回访) for the accountable agent,
 * due on the next working day, and the owner's satisfaction survey over their channel.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { ticketFollowUps } from '../../../db/schema/index.js';
import { followUpDueAt, noFeedbackCloseAt, OFFICE_HOURS } from '../../domain/tickets/index.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { calendarLoader } from './calendars.js';
import { sendOwnerMessage, templateVars } from './owner-messages.js';
import { surveyLinkExpiry, surveyLinkLines } from './survey-links.js';
import { getTicketSettings } from './ticket-settings.js';
import type { TicketRow } from './timing.js';

export const SURVEY_SCORES = [1, 2, 3, 4, 5] as const;

/** Telegram allows 64 bytes of callback data: "sv:" + a uuid + ":" + the score fits in 41. */
export function surveyCallbackData(followUpId: string, score: number): string {
  return `sv:${followUpId}:${score}`;
}

export function parseSurveyCallbackData(data: string): { followUpId: string; score: number } | null {
  const m = /^sv:([0-9a-f-]{36}):([1-5])$/i.exec(data);
  return m && m[1] && m[2] ? { followUpId: m[1], score: Number(m[2]) } : null;
}

export async function scheduleFollowUp(
  tx: Tx,
  deps: Pick<ServiceDeps, 'clock' | 'publicLinks'>,
  row: TicketRow,
  now: Date,
): Promise<{ events: StoredEvent[]; deliveries: string[] }> {
  const settings = await getTicketSettings(tx);
  const cal = (await calendarLoader(tx).get(settings.followUpCalendarId)) ?? OFFICE_HOURS;
  let dueAt: Date;
  try {
    dueAt = followUpDueAt(now, cal);
  } catch {
    dueAt = followUpDueAt(now, OFFICE_HOURS);
  }
  const [followUp] = await tx
    .insert(ticketFollowUps)
    .values({ ticketId: row.id, cycle: row.slaCycle, agentId: row.accountableAgentId, dueAt, surveyConversationId: row.originConversationId, createdAt: now })
    .onConflictDoNothing({ target: [ticketFollowUps.ticketId, ticketFollowUps.cycle] })
    .returning({ id: ticketFollowUps.id });
  // Already scheduled for this resolution (resolved, closed by hand, resolved again): one survey is enough.
  if (!followUp || !row.originConversationId) return { events: [], deliveries: [] };
  const vars = await templateVars(tx, row, cal.timeZone);
  // Email and forum owners get no buttons: the message carries a signed link to the survey page.
  const link = await surveyLinkLines(tx, deps.publicLinks, row.originConversationId, followUp.id, surveyLinkExpiry(now, settings.noFeedbackDays));
  const template = link ? `${settings.templates.surveyRequest}\n\n${link}` : settings.templates.surveyRequest;
  const survey = await sendOwnerMessage(tx, deps, row.originConversationId, template, vars, {
    kind: 'ticket.survey',
    ticketId: row.id,
    followUpId: followUp.id,
    buttons: [SURVEY_SCORES.map((score) => ({ label: String(score), data: surveyCallbackData(followUp.id, score) }))],
  });
  if (!survey) return { events: [], deliveries: [] };
  await tx
    .update(ticketFollowUps)
    .set({ surveyMessageId: survey.messageId, surveySentAt: now, noFeedbackCloseAt: noFeedbackCloseAt(now, settings.noFeedbackDays) })
    .where(eq(ticketFollowUps.id, followUp.id));
  return { events: survey.events, deliveries: [survey.messageId] };
}

/** Marks the current follow-up visit done (moving to followed_up does that by hand). */
export async function completeOpenFollowUp(tx: Tx, ticketId: string, by: string | null, now: Date, note?: string | null): Promise<void> {
  const [open] = await tx
    .select({ id: ticketFollowUps.id })
    .from(ticketFollowUps)
    .where(and(eq(ticketFollowUps.ticketId, ticketId), isNull(ticketFollowUps.completedAt)))
    .orderBy(desc(ticketFollowUps.cycle))
    .limit(1);
  if (!open) return;
  await tx
    .update(ticketFollowUps)
    .set({ completedAt: now, completedById: by, ...(note ? { note } : {}) })
    .where(eq(ticketFollowUps.id, open.id));
}
