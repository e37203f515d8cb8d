/**
 * Ticket statuses and the transitions between them. An illegal change is answered with the
 * allowed next states (the API turns that into a 409 `{ error, allowed }`).
 */

export const TICKET_STATUSES = [
  'new',
  'dispatched',
  'in_progress',
  'on_hold',
  'resolved',
  'followed_up',
  'closed',
  'reopened',
] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

const NEXT: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  // A ticket may be answered on the spot (resolved/closed) without ever being dispatched.
  new: ['dispatched', 'in_progress', 'on_hold', 'resolved', 'closed'],
  dispatched: ['in_progress', 'on_hold', 'resolved'],
  in_progress: ['on_hold', 'resolved'],
  // Back from hold either to the worker or to dispatch again (the owner's reply changed the job).
  on_hold: ['in_progress', 'dispatched'],
  resolved: ['followed_up', 'reopened', 'closed'],
  followed_up: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['dispatched', 'in_progress', 'on_hold', 'resolved'],
};

export function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);
}

/** The statuses a ticket may move to next (a copy: callers may sort or mutate it). */
export function allowedNext(status: TicketStatus): TicketStatus[] {
  return [...NEXT[status]];
}

export type TransitionResult = { ok: true } | { ok: false; allowed: TicketStatus[] };

/** Whether `from → to` is legal. Staying in the same status is not a transition. */
export function transition(from: TicketStatus, to: TicketStatus): TransitionResult {
  return NEXT[from].includes(to) ? { ok: true } : { ok: false, allowed: allowedNext(from) };
}

/** On hold = waiting for the owner: the SLA clock does not run. */
export function isClockPaused(status: TicketStatus): boolean {
  return status === 'on_hold';
}

/** Resolved and later: the resolution target is met, only follow-up work remains. */
export function isResolved(status: TicketStatus): boolean {
  return status === 'resolved' || status === 'followed_up' || status === 'closed';
}

/** Statuses that belong on a department's board of open work. */
export function isOpen(status: TicketStatus): boolean {
  return !isResolved(status);
}
