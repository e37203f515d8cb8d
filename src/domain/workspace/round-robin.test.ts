import { describe, expect, it } from 'vitest';
import { graceExpired, pickAgent, type AssignCandidate } from './round-robin.js';

const agent = (userId: string, over: Partial<AssignCandidate> = {}): AssignCandidate => ({
  userId,
  status: 'online',
  capacity: 2,
  load: 0,
  lastAssignedAt: null,
  ...over,
});

describe('pickAgent', () => {
  it('takes turns: the least recently assigned online agent goes next', () => {
    const a = agent('a', { lastAssignedAt: new Date(2000) });
    const b = agent('b', { lastAssignedAt: new Date(1000) });
    expect(pickAgent([a, b])).toBe('b');
    expect(pickAgent([agent('b'), agent('a')])).toBe('a');
  });

  it('skips busy, offline and full agents; nobody left means the pool keeps it', () => {
    expect(pickAgent([agent('a', { status: 'busy' }), agent('b', { load: 2 }), agent('c', { status: 'offline' })])).toBeNull();
    expect(pickAgent([agent('a', { load: 2 }), agent('b', { load: 1, lastAssignedAt: new Date() })])).toBe('b');
  });
});

describe('graceExpired', () => {
  it('counts from the moment the agent went offline', () => {
    const since = new Date('2026-01-01T10:00:00Z');
    expect(graceExpired(since, new Date('2026-01-01T10:04:59Z'), 300)).toBe(false);
    expect(graceExpired(since, new Date('2026-01-01T10:05:00Z'), 300)).toBe(true);
    expect(graceExpired(null, new Date(), 0)).toBe(false);
  });
});
