/**
 * What the workspace needs from tickets (issue 5), as a port: the canned-reply variables
 * `{{ticket.number}}` / `{{ticket.due}}`, the contact sidebar, and moving tickets when
 * contacts merge. The entry wires the tickets module in; without it there are no tickets.
 */
import type { Db } from '../../../db/client.js';
import type { Tx } from '../ports.js';

export interface TicketSummary {
  id: string;
  number: string;
  status: string;
  /** Resolution deadline, ISO; null when none applies. */
  dueAt: string | null;
  conversationId: string | null;
}

/** A line of a unit's ticket history on the owner sidebar. */
export interface TicketHistoryEntry {
  id: string;
  number: string;
  status: string;
  summary: string;
  createdAt: string;
}

export interface TicketPort {
  /** The newest ticket of a conversation, or null when it has none. */
  latestForConversation(db: Db | Tx, conversationId: string): Promise<TicketSummary | null>;
  listForContact(db: Db | Tx, contactId: string): Promise<TicketSummary[]>;
  /** The newest `limit` tickets of any of these contacts (a unit's history), newest first. */
  historyForContacts(db: Db | Tx, contactIds: string[], limit: number): Promise<TicketHistoryEntry[]>;
  /** Re-points every ticket of one contact at another; returns the ids that moved. */
  moveContact(tx: Tx, fromContactId: string, toContactId: string): Promise<string[]>;
  /** Puts the given tickets back on a contact (undoing a merge). */
  restoreContact(tx: Tx, ticketIds: string[], contactId: string): Promise<void>;
}

export const noTickets: TicketPort = {
  latestForConversation: async () => null,
  listForContact: async () => [],
  historyForContacts: async () => [],
  moveContact: async () => [],
  restoreContact: async () => {},
};
