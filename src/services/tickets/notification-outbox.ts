/**
 * Escalation emails wait in ticket_notifications as `pending` until a job sends them. Claiming
 * is a conditional update, so two workers never send the same email; the job records the
 * outcome, including `not_configured` when no SMTP transport exists.
 */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { ticketNotifications, users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';

export interface PendingEmail {
  id: string;
  to: string;
  subject: string;
  body: string;
  attempts: number;
}

/** Claims the pending emails of a ticket (all tickets when null), marking them as being sent. */
export async function claimPendingEmails(db: Db, ticketId: string | null, limit = 100): Promise<PendingEmail[]> {
  const pending = db
    .select({ id: ticketNotifications.id })
    .from(ticketNotifications)
    .where(and(eq(ticketNotifications.channel, 'email'), eq(ticketNotifications.status, 'pending'), ticketId ? eq(ticketNotifications.ticketId, ticketId) : undefined))
    .limit(limit);
  const claimed = await db
    .update(ticketNotifications)
    // A crash mid-send leaves the row "sending": visible, and never sent twice.
    .set({ status: 'sending', attempts: sql`${ticketNotifications.attempts} + 1` })
    .where(and(inArray(ticketNotifications.id, pending), eq(ticketNotifications.status, 'pending')))
    .returning({ id: ticketNotifications.id, recipientId: ticketNotifications.recipientId, subject: ticketNotifications.subject, body: ticketNotifications.body, attempts: ticketNotifications.attempts });
  if (claimed.length === 0) return [];
  const ids = claimed.map((c) => c.recipientId).filter((id): id is string => id !== null);
  const emails = new Map<string, string>();
  if (ids.length > 0) for (const u of await db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, ids))) emails.set(u.id, u.email);
  return claimed.map((c) => ({ id: c.id, to: (c.recipientId && emails.get(c.recipientId)) || '', subject: c.subject, body: c.body, attempts: c.attempts }));
}

export async function finishEmail(db: Db, id: string, outcome: { status: 'sent' | 'failed' | 'not_configured' | 'pending'; detail: string | null }, now: Date): Promise<void> {
  await db
    .update(ticketNotifications)
    .set({ status: outcome.status, detail: outcome.detail, sentAt: outcome.status === 'sent' ? now : null })
    .where(eq(ticketNotifications.id, id));
}

/** Tickets with emails left pending for a while (their job was never enqueued): the sweep re-sends them. */
export async function strandedEmailTickets(db: Db, olderThan: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ ticketId: ticketNotifications.ticketId })
    .from(ticketNotifications)
    .where(and(eq(ticketNotifications.channel, 'email'), eq(ticketNotifications.status, 'pending'), lt(ticketNotifications.createdAt, olderThan)))
    .limit(100);
  return rows.map((r) => r.ticketId);
}
