/**
 * Recording an escalation: the rung, and a notification for each person on it — live in the
 * inbox (the `ticket.escalated` event) and by email (sent by a job; recorded as
 * `not_configured` when no SMTP transport exists).
 */
import { ticketEscalations, ticketNotifications } from '../../../db/schema/index.js';
import { escalationRole, type EscalationLevel, type SlaTarget } from '../../domain/tickets/index.js';
import type { Tx } from '../ports.js';
import { recipientsFor, supervisors, type Recipient } from './recipients.js';
import type { TicketRow } from './timing.js';

export interface EscalationInput {
  level: EscalationLevel;
  reason: 'at_risk' | 'breached' | 'dissatisfied';
  target: SlaTarget | null;
  climbed: boolean;
}

const ROLE_LABEL: Record<string, string> = { assignee: '处理人 assignee', team_lead: '班长 team lead', supervisor: '主管 supervisor', manager: '中心主任 center manager' };
const REASON_LABEL: Record<string, string> = {
  at_risk: '即将超时 at risk',
  breached: '已超时 breached',
  dissatisfied: '业主不满意 owner dissatisfied',
};
const TARGET_LABEL: Record<string, string> = { first_response: '首次响应 first response', resolution: '处理完成 resolution' };

function message(row: TicketRow, e: EscalationInput, role: string): { subject: string; body: string } {
  const what = e.target ? `${TARGET_LABEL[e.target] ?? e.target} ${REASON_LABEL[e.reason]}` : (REASON_LABEL[e.reason] ?? e.reason);
  return {
    subject: `[汇信 Huixin] 工单 ${row.number} ${what} → ${ROLE_LABEL[role] ?? role}`,
    body:
      `工单 Ticket: ${row.number}\n` +
      `摘要 Summary: ${row.summary}\n` +
      `原因 Reason: ${what}\n` +
      `升级至 Escalated to: ${ROLE_LABEL[role] ?? role} (level ${e.level})\n` +
      (row.resolutionDueAt ? `处理时限 Resolution due: ${row.resolutionDueAt.toISOString()}\n` : ''),
  };
}

async function notify(tx: Tx, row: TicketRow, escalationId: string | null, kind: 'escalation' | 'dissatisfied' | 'follow_up_due' | 'emergency', people: Recipient[], text: { subject: string; body: string }, note: string | null, now: Date): Promise<void> {
  if (people.length === 0) {
    await tx.insert(ticketNotifications).values({ ticketId: row.id, escalationId, kind, recipientId: null, channel: 'inbox', status: 'no_recipient', detail: note ?? 'nobody holds this rung', createdAt: now, ...text });
    return;
  }
  await tx.insert(ticketNotifications).values(
    people.flatMap((p) => [
      // The inbox notice is the live event itself, so it is "sent" when this commits.
      { ticketId: row.id, escalationId, kind, recipientId: p.id, channel: 'inbox' as const, status: 'sent' as const, detail: note, createdAt: now, sentAt: now, ...text },
      { ticketId: row.id, escalationId, kind, recipientId: p.id, channel: 'email' as const, status: 'pending' as const, detail: null, createdAt: now, ...text },
    ]),
  );
}

/** Records one escalation; null when the same event was already recorded (a second sweep, a race). */
export async function recordEscalation(tx: Tx, row: TicketRow, e: EscalationInput, now: Date): Promise<{ id: string; recipients: Recipient[]; role: string } | null> {
  const role = escalationRole(e.level);
  const [rec] = await tx
    .insert(ticketEscalations)
    .values({ ticketId: row.id, cycle: row.slaCycle, level: e.level, reason: e.reason, target: e.target, role, climbed: e.climbed, at: now })
    .onConflictDoNothing()
    .returning({ id: ticketEscalations.id });
  if (!rec) return null;
  const { recipients, note } = e.reason === 'dissatisfied' ? { recipients: await supervisors(tx), note: null } : await recipientsFor(tx, role, row);
  await notify(tx, row, rec.id, e.reason === 'dissatisfied' ? 'dissatisfied' : 'escalation', recipients, message(row, e, role), note, now);
  return { id: rec.id, recipients, role };
}

/** Tells the accountable agent that a follow-up visit is due. */
export async function notifyFollowUpDue(tx: Tx, row: TicketRow, agent: Recipient | null, now: Date): Promise<void> {
  const text = {
    subject: `[汇信 Huixin] 工单 ${row.number} 待回访 follow-up due`,
    body: `工单 Ticket: ${row.number}\n摘要 Summary: ${row.summary}\n请回访业主，确认处理结果。Please follow up with the owner.\n`,
  };
  await notify(tx, row, null, 'follow_up_due', agent ? [agent] : [], text, agent ? null : 'the ticket has no accountable agent', now);
}

/** Alerts the lead on duty for the ticket's department (its head, else the supervisors) of an emergency. */
export async function notifyEmergency(tx: Tx, row: TicketRow, word: string, now: Date): Promise<Recipient[]> {
  const { recipients, note } = await recipientsFor(tx, 'team_lead', row);
  const text = {
    subject: `[汇信 Huixin] 紧急 EMERGENCY 工单 ${row.number}（${word}）`,
    body: `工单 Ticket: ${row.number}\n摘要 Summary: ${row.summary}\n位置 Unit: ${row.location ?? '—'}\n业主报告紧急情况，请立即处理。An owner reported an emergency: act now.\n`,
  };
  await notify(tx, row, null, 'emergency', recipients, text, note, now);
  return recipients;
}
