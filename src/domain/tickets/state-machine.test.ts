import { describe, expect, it } from 'vitest';
import {
  allowedNext,
  isClockPaused,
  isOpen,
  isResolved,
  isTicketStatus,
  TICKET_STATUSES,
  transition,
  type TicketStatus,
} from './state-machine.js';

/** The rules as agreed in the brief, written independently of the implementation's table. */
const RULES: Record<TicketStatus, TicketStatus[]> = {
  new: ['dispatched', 'in_progress', 'on_hold', 'resolved', 'closed'],
  dispatched: ['in_progress', 'on_hold', 'resolved'],
  in_progress: ['on_hold', 'resolved'],
  on_hold: ['in_progress', 'dispatched'],
  resolved: ['followed_up', 'reopened', 'closed'],
  followed_up: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['dispatched', 'in_progress', 'on_hold', 'resolved'],
};

describe('transition', () => {
  const pairs = TICKET_STATUSES.flatMap((from) => TICKET_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s follows the rules', (from, to) => {
    const result = transition(from, to);
    if (RULES[from].includes(to)) {
      expect(result).toEqual({ ok: true });
    } else {
      expect(result).toEqual({ ok: false, allowed: RULES[from] });
    }
  });

  it('does not treat staying put as a transition', () => {
    for (const s of TICKET_STATUSES) expect(transition(s, s).ok).toBe(false);
  });

  it('the issue\'s happy path is legal end to end', () => {
    const path: TicketStatus[] = ['new', 'dispatched', 'in_progress', 'resolved', 'followed_up', 'closed'];
    for (let i = 1; i < path.length; i++) expect(transition(path[i - 1] as TicketStatus, path[i] as TicketStatus).ok).toBe(true);
  });

  it('a low survey score can reopen a resolved or followed-up ticket', () => {
    expect(transition('resolved', 'reopened').ok).toBe(true);
    expect(transition('followed_up', 'reopened').ok).toBe(true);
  });
});

describe('allowedNext', () => {
  it('returns a fresh copy each time', () => {
    const a = allowedNext('new');
    a.push('reopened');
    expect(allowedNext('new')).not.toContain('reopened');
  });

  it('leaves no dead end: every status can reach closed', () => {
    for (const start of TICKET_STATUSES) {
      const seen = new Set<TicketStatus>([start]);
      const queue: TicketStatus[] = [start];
      while (queue.length > 0) {
        const s = queue.shift() as TicketStatus;
        for (const n of allowedNext(s)) {
          if (seen.has(n)) continue;
          seen.add(n);
          queue.push(n);
        }
      }
      expect(start === 'closed' || seen.has('closed')).toBe(true);
    }
  });
});

describe('status predicates', () => {
  it('only on hold pauses the clock', () => {
    expect(TICKET_STATUSES.filter(isClockPaused)).toEqual(['on_hold']);
  });

  it('resolved, followed up and closed are done; the rest are open', () => {
    expect(TICKET_STATUSES.filter(isResolved)).toEqual(['resolved', 'followed_up', 'closed']);
    expect(TICKET_STATUSES.filter(isOpen)).toEqual(['new', 'dispatched', 'in_progress', 'on_hold', 'reopened']);
  });

  it('isTicketStatus narrows unknown input', () => {
    expect(isTicketStatus('on_hold')).toBe(true);
    expect(isTicketStatus('ON_HOLD')).toBe(false);
    expect(isTicketStatus(3)).toBe(false);
  });
});
