import { describe, expect, it } from 'vitest';
import { parseTicketHash, ticketHash } from './use-ticket-route';

describe('ticket routes in the hash', () => {
  it('round-trips the board, a queue and a ticket', () => {
    for (const route of [{ view: 'board' }, { view: 'queue', departmentId: 'd-1' }, { view: 'ticket', ticketId: 't 1' }] as const) {
      expect(parseTicketHash(ticketHash(route))).toEqual(route);
    }
  });

  it('leaves conversation links to the inbox', () => {
    expect(parseTicketHash('#/c/abc')).toBeNull();
    expect(parseTicketHash('')).toBeNull();
  });
});
