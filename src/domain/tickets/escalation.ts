/**
 * The escalation ladder: each new "at risk" or "breached" event of an SLA target moves the
 * ticket one rung up, so the people above learn of it in order, never all at once.
 */
import type { SlaLevel, SlaTarget } from './sla.js';

/** assignee (0) → team lead 班长 (1) → supervisor 主任 (2) → center manager 中心主任 (3). */
export const ESCALATION_LADDER = ['assignee', 'team_lead', 'supervisor', 'manager'] as const;
export type EscalationRole = (typeof ESCALATION_LADDER)[number];
export type EscalationLevel = 0 | 1 | 2 | 3;
export const TOP_ESCALATION_LEVEL: EscalationLevel = 3;

export type EscalationReason = Exclude<SlaLevel, 'ok'>;

/** An event already acted upon (kept with the ticket so it never fires twice). */
export interface RecordedEscalation {
  target: SlaTarget;
  state: EscalationReason;
}

export interface Escalation {
  level: EscalationLevel;
  reason: EscalationReason;
  target: SlaTarget;
  /** Who is notified at `level`. */
  role: EscalationRole;
  /** False at the top of the ladder: the event is still recorded and the manager told again. */
  climbed: boolean;
}

/** The states nextEscalation reads; `slaState()`'s result fits. */
export interface SlaStatesView {
  firstResponse: { state: SlaLevel };
  resolution: { state: SlaLevel };
}

export function clampLevel(level: number): EscalationLevel {
  if (!Number.isFinite(level) || level <= 0) return 0;
  return Math.min(Math.floor(level), TOP_ESCALATION_LEVEL) as EscalationLevel;
}

export function escalationRole(level: number): EscalationRole {
  return ESCALATION_LADDER[clampLevel(level)];
}

/**
 * The next escalation to record, or null when nothing new happened. One event per call: after
 * recording it, call again with the event added to `alreadyRecorded` to get the next one.
 *
 * Breaches come before risks (the more urgent news first), first response before resolution.
 * A target that went straight to "breached" raises only the breach: a stale "at risk" for it
 * would climb a rung for news nobody needs.
 */
export function nextEscalation(
  currentLevel: number,
  slaStates: SlaStatesView,
  alreadyRecorded: readonly RecordedEscalation[],
): Escalation | null {
  const current: Array<{ target: SlaTarget; state: SlaLevel }> = [
    { target: 'first_response', state: slaStates.firstResponse.state },
    { target: 'resolution', state: slaStates.resolution.state },
  ];
  const seen = (target: SlaTarget, state: EscalationReason): boolean =>
    alreadyRecorded.some((r) => r.target === target && r.state === state);
  for (const reason of ['breached', 'at_risk'] as const) {
    for (const { target, state } of current) {
      if (state !== reason || seen(target, reason)) continue;
      const from = clampLevel(currentLevel);
      const level = clampLevel(from + 1);
      return { level, reason, target, role: escalationRole(level), climbed: level > from };
    }
  }
  return null;
}
