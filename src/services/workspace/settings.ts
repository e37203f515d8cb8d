/** What the workspace routes and jobs need beyond ServiceDeps; the entry builds it from env. */
import { noTickets, type TicketPort } from './ticket-port.js';

export interface WorkspaceSettings {
  /** Round-robin new conversations to online agents. */
  autoAssign: boolean;
  /** How long an agent may be offline before their open conversations return to the pool. */
  offlineGraceSeconds: number;
  /** Capacity an agent starts with (changeable per agent). */
  defaultCapacity: number;
  tickets: TicketPort;
  /** Durable timers (pg-boss on Node); absent on Workers, where the Node sweep catches up. */
  scheduler?: WorkspaceScheduler;
}

export interface WorkspaceScheduler {
  /** Wake snoozed conversations at this time. */
  wakeSnoozedAt(at: Date): Promise<void>;
  /** Check this agent again once their offline grace period is over. */
  releaseAfterGrace(userId: string): Promise<void>;
}

export const DEFAULT_WORKSPACE: WorkspaceSettings = {
  autoAssign: false,
  offlineGraceSeconds: 300,
  defaultCapacity: 10,
  tickets: noTickets,
};
