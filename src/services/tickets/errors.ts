/** Why a ticket operation was refused; routes turn the code into an HTTP status. */
import type { TicketStatus } from '../../domain/tickets/index.js';

export type TicketErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'unknown_department'
  | 'unknown_category'
  | 'unknown_calendar'
  | 'unknown_user'
  | 'unknown_conversation'
  | 'illegal_transition'
  | 'stale_version'
  | 'invalid';

export class TicketError extends Error {
  readonly code: TicketErrorCode;
  readonly allowed?: TicketStatus[];
  readonly currentVersion?: number;

  constructor(code: TicketErrorCode, message: string, extra: { allowed?: TicketStatus[]; currentVersion?: number } = {}) {
    super(message);
    this.name = 'TicketError';
    this.code = code;
    this.allowed = extra.allowed;
    this.currentVersion = extra.currentVersion;
  }
}

/** A uuid-shaped string: anything else cannot name a row, so it is "unknown", not a crash in SQL. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
