/**
 * Who gets the next conversation: among agents who are online and under their capacity,
 * the one assigned least recently (never-assigned first), ties by id so it is deterministic.
 */
export interface AssignCandidate {
  userId: string;
  status: 'online' | 'busy' | 'offline';
  capacity: number;
  /** Open conversations the agent holds now. */
  load: number;
  lastAssignedAt: Date | null;
}

export function pickAgent(candidates: readonly AssignCandidate[]): string | null {
  const eligible = candidates.filter((c) => c.status === 'online' && c.load < c.capacity);
  eligible.sort((a, b) => {
    const ta = a.lastAssignedAt?.getTime() ?? -Infinity;
    const tb = b.lastAssignedAt?.getTime() ?? -Infinity;
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
  });
  return eligible[0]?.userId ?? null;
}

/** When an offline agent's conversations go back to the pool. */
export function graceExpired(offlineSince: Date | null, now: Date, graceSeconds: number): boolean {
  return offlineSince !== null && now.getTime() - offlineSince.getTime() >= graceSeconds * 1000;
}
