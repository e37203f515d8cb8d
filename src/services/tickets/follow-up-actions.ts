/** An agent records the follow-up visit (回访): a note, and the owner's rating if they gave one. */
import type { Principal } from '../../domain/permissions.js';
import { transition, type TicketStatus } from '../../domain/tickets/index.js';
import type { ServiceDeps } from '../ports.js';
import { changeTicket } from './change-ticket.js';
import { TicketError } from './errors.js';
import { answerSurvey } from './survey-answers.js';
import type { TicketView } from './ticket-views.js';
import { lockTicket, assertMayWorkTicket } from './update-ticket.js';
import { desc, eq } from 'drizzle-orm';
import { ticketFollowUps } from '../../../db/schema/index.js';

export interface FollowUpInput {
  version: number;
  note?: string;
  /** The owner's rating given during the visit; with it the survey is answered too. */
  score?: number;
  solved?: boolean;
}

export async function recordFollowUp(deps: ServiceDeps, user: Principal & { id: string }, id: string, input: FollowUpInput): Promise<TicketView> {
  const now = deps.clock.now();
  const r = await deps.db.transaction(async (tx) => {
    const row = await lockTicket(tx, id);
    if (!row) throw new TicketError('not_found', 'ticket not found');
    await assertMayWorkTicket(tx, user, row);
    if (row.version !== input.version) throw new TicketError('stale_version', `version ${input.version} is stale; the ticket is at version ${row.version}`, { currentVersion: row.version });
    const [f] = await tx.select().from(ticketFollowUps).where(eq(ticketFollowUps.ticketId, row.id)).orderBy(desc(ticketFollowUps.cycle)).limit(1);
    if (input.score !== undefined) {
      if (!f) throw new TicketError('invalid', 'the ticket has no follow-up yet (resolve it first)');
      const answered = await answerSurvey(tx, deps, f.id, { score: input.score, solved: input.solved ?? true, comment: input.note ?? null, via: 'agent', actor: { type: 'user', id: user.id } }, now);
      if (answered.status !== 'recorded') throw new TicketError('invalid', answered.status === 'already_answered' ? 'the owner already answered the survey' : 'follow-up not found');
      return { view: answered.view, events: answered.events, deliveries: answered.deliveries };
    }
    const t = transition(row.status as TicketStatus, 'followed_up');
    if (!t.ok) throw new TicketError('illegal_transition', `cannot record a follow-up while ${row.status}`, { allowed: t.allowed });
    const changed = await changeTicket(tx, deps, row, { status: 'followed_up', note: input.note ?? null }, { type: 'user', id: user.id }, now);
    return { view: changed.view, events: changed.events, deliveries: changed.deliveries };
  });
  deps.bus.publish(r.events);
  for (const m of r.deliveries) await deps.jobs.enqueueDelivery(m);
  return r.view;
}
