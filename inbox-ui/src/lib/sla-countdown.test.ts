import { describe, expect, it } from 'vitest';
import type { SlaTarget } from '../api/ticket-api';
import { countdown, formatDuration, serverNow } from './sla-countdown';

const target = (patch: Partial<SlaTarget> = {}): SlaTarget => ({
  state: 'ok',
  done: false,
  dueAt: '2026-11-23T02:00:00.000Z',
  riskAt: '2026-11-23T01:48:00.000Z',
  percentUsed: 0,
  minutesLeft: 60,
  ...patch,
});
const at = (iso: string) => Date.parse(iso);

describe('countdown', () => {
  it('turns amber at the warning moment and red past the deadline', () => {
    expect(countdown(target(), at('2026-11-23T01:47:59Z'), false).tone).toBe('ok');
    expect(countdown(target(), at('2026-11-23T01:48:00Z'), false).tone).toBe('amber');
    expect(countdown(target(), at('2026-11-23T02:00:01Z'), false)).toEqual({ tone: 'red', remainingMs: -1000 });
  });

  it('trusts the server when it already says at risk or breached', () => {
    expect(countdown(target({ state: 'at_risk' }), at('2026-11-23T01:00:00Z'), false).tone).toBe('amber');
    expect(countdown(target({ state: 'breached' }), at('2026-11-23T01:00:00Z'), false).tone).toBe('red');
  });

  it('shows a met target as met (or late), and a paused one as paused', () => {
    expect(countdown(target({ done: true }), at('2026-11-23T03:00:00Z'), false).tone).toBe('met');
    expect(countdown(target({ done: true, state: 'breached' }), at('2026-11-23T03:00:00Z'), false).tone).toBe('late');
    expect(countdown(target(), at('2026-11-23T01:50:00Z'), true).tone).toBe('paused');
  });
});

describe('formatDuration', () => {
  it('uses the two largest units', () => {
    expect(formatDuration(2 * 86_400_000 + 3 * 3_600_000)).toBe('2d 3h');
    expect(formatDuration(3_900_000)).toBe('1h 05m');
    expect(formatDuration(-249_000)).toBe('4m 09s');
  });
});

describe('serverNow', () => {
  it('corrects the client clock by the skew seen when the data arrived', () => {
    // The server said 10:00 when the client thought it was 09:58: two minutes ahead.
    expect(serverNow('2026-11-23T10:00:00Z', at('2026-11-23T09:58:00Z'), at('2026-11-23T09:59:00Z'))).toBe(at('2026-11-23T10:01:00Z'));
  });
});
