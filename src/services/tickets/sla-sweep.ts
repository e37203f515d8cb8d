/**
 * The SLA sweep: every ticket whose next check is due is looked at once, and each new
 * "at risk" or "breached" event climbs the escalation ladder one rung. Callable with any
 * `now`, so tests drive breaches with a controlled clock; a scheduled job calls it each minute.
 */
import { and, asc, eq, gt, isNotNull, lte, notInArray } from 'drizzle-orm';
import { tickets } from '../../../db/schema/index.js';
import { nextEscalation, slaState, type EscalationLevel } from '../../domain/tickets/index.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { calendarLoader } from './calendars.js';
import { recordEscalation } from './escalate.js';
import { detectFirstResponses } from './first-response.js';
import { recordTicketEvent } from './ticket-events.js';
import { nextCheckFor, recordedEscalations, timingOf, type TicketRow } from './timing.js';

/** Statuses whose clock never needs a check (resolved and later, or paused). */
const NOT_RUNNING = ['on_hold', 'resolved', 'followed_up', 'closed'];
const BATCH = 200;

export interface EscalationOutcome {
  ticketId: string;
  number: string;
  level: EscalationLevel;
  reason: 'at_risk' | 'breached';
  target: 'first_response' | 'resolution';
  climbed: boolean;
}

async function checkOne(tx: Tx, id: string, now: Date): Promise<{ events: StoredEvent[]; escalations: EscalationOutcome[] }> {
  // SKIP LOCKED: a ticket being changed right now is looked at by the next sweep instead of waited for.
  const [locked] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, id), lte(tickets.slaNextCheckAt, now)))
    .for('update', { skipLocked: true });
  if (!locked) return { events: [], escalations: [] };
  let row: TicketRow = locked;
  const replied = (await detectFirstResponses(tx, [row])).get(row.id);
  if (replied) row = { ...row, firstRespondedAt: replied };
  const cal = row.calendarId ? await calendarLoader(tx).get(row.calendarId) : null;
  const timing = timingOf(row);
  const recorded = await recordedEscalations(tx, row.id, row.slaCycle);
  const escalations: EscalationOutcome[] = [];
  const announcements: Record<string, unknown>[] = [];
  let level = row.escalationLevel;
  if (timing && cal && row.warnAtPercent !== null && !NOT_RUNNING.includes(row.status)) {
    const states = slaState(now, timing, cal, row.warnAtPercent);
    for (let e = nextEscalation(level, states, recorded); e; e = nextEscalation(level, states, recorded)) {
      recorded.push({ target: e.target, state: e.reason });
      const rec = await recordEscalation(tx, row, { level: e.level, reason: e.reason, target: e.target, climbed: e.climbed }, now);
      if (!rec) continue;
      level = e.level;
      escalations.push({ ticketId: row.id, number: row.number, level: e.level, reason: e.reason, target: e.target, climbed: e.climbed });
      announcements.push({ level: e.level, reason: e.reason, target: e.target, role: rec.role, climbed: e.climbed, recipients: rec.recipients.map((r) => ({ id: r.id, name: r.name })) });
    }
  }
  const next = nextCheckFor({ ...row, escalationLevel: level }, cal, recorded, now);
  await tx
    .update(tickets)
    .set({
      firstRespondedAt: row.firstRespondedAt,
      escalationLevel: level,
      slaNextCheckAt: next,
      ...(escalations.length > 0 ? { version: row.version + 1, updatedAt: now } : {}),
    })
    .where(eq(tickets.id, row.id));
  // Events are recorded after the update, so each carries the ticket at its new level.
  const events: StoredEvent[] = [];
  for (const extra of announcements) events.push((await recordTicketEvent(tx, 'ticket.escalated', row.id, now, extra)).event);
  return { events, escalations };
}

/** A sweep stops starting new batches after this long; the next one (a minute later) carries on. */
const TIME_BUDGET_MS = 45_000;

export async function sweepSla(deps: ServiceDeps, now: Date): Promise<EscalationOutcome[]> {
  const all: EscalationOutcome[] = [];
  const started = Date.now();
  // One pass in id order: a ticket whose next check is still due after its look is not looked at twice.
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const due = await deps.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(and(isNotNull(tickets.slaNextCheckAt), lte(tickets.slaNextCheckAt, now), notInArray(tickets.status, NOT_RUNNING), gt(tickets.id, after)))
      .orderBy(asc(tickets.id))
      .limit(BATCH);
    for (const { id } of due) {
      // One transaction per ticket: a failure in one never holds back the others.
      try {
        const { events, escalations } = await deps.db.transaction((tx) => checkOne(tx, id, now));
        deps.bus.publish(events);
        all.push(...escalations);
      } catch (err) {
        deps.logger.error('SLA check failed', { ticketId: id, err });
      }
    }
    const last = due[due.length - 1];
    if (!last || due.length < BATCH || Date.now() - started > TIME_BUDGET_MS) return all;
    after = last.id;
  }
}
