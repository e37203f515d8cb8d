import { describe, expect, it } from 'vitest';
import { inChainOrder } from './ticket-queries.js';

const at = (iso: string) => new Date(iso);
const row = (fromStatus: string | null, toStatus: string, when: string) => ({ fromStatus, toStatus, at: at(when) });

describe('inChainOrder', () => {
  it('orders by time, and within one instant by which change follows which', () => {
    const rows = [
      row('followed_up', 'closed', '2026-11-23T02:00:00Z'),
      row(null, 'new', '2026-11-23T01:00:00Z'),
      row('resolved', 'followed_up', '2026-11-23T02:00:00Z'),
      row('new', 'resolved', '2026-11-23T01:30:00Z'),
    ];
    expect(inChainOrder(rows, (r) => r).map((r) => r.toStatus)).toEqual(['new', 'resolved', 'followed_up', 'closed']);
  });

  it('keeps rows that do not chain, rather than losing them', () => {
    const rows = [row('x', 'y', '2026-11-23T01:00:00Z'), row('p', 'q', '2026-11-23T01:00:00Z')];
    expect(inChainOrder(rows, (r) => r)).toHaveLength(2);
  });
});
