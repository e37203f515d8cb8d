/**
 * Where an SLA target stands for a live countdown: the server's state is the floor (it knows
 * business hours), and the client moves it on to amber at the warning moment and red past the
 * deadline as its own clock runs, corrected by the server's clock skew.
 */
import type { SlaTarget } from '../api/ticket-api';

export type Tone = 'ok' | 'amber' | 'red' | 'met' | 'late' | 'paused';

export interface Countdown {
  tone: Tone;
  /** Milliseconds to the deadline; negative once overdue. */
  remainingMs: number;
}

export function countdown(target: SlaTarget, serverNowMs: number, paused: boolean): Countdown {
  const remainingMs = Date.parse(target.dueAt) - serverNowMs;
  if (target.done) return { tone: target.state === 'breached' ? 'late' : 'met', remainingMs };
  if (target.state === 'breached' || remainingMs < 0) return { tone: 'red', remainingMs };
  if (paused) return { tone: 'paused', remainingMs };
  if (target.state === 'at_risk' || serverNowMs >= Date.parse(target.riskAt)) return { tone: 'amber', remainingMs };
  return { tone: 'ok', remainingMs };
}

/** "2d 3h", "1h 05m", "4m 09s": two units, enough to act on. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${two(m)}m`;
  return `${m}m ${two(s)}s`;
}

/** The server's now, from a response's `asOf` and when the client received it. */
export function serverNow(asOf: string, receivedAtMs: number, clientNowMs: number): number {
  return clientNowMs + (Date.parse(asOf) - receivedAtMs);
}
