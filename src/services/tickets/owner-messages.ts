/**
 * Messages to the owner about their ticket (registration notice, survey, thanks), sent as bot
 * messages on the conversation they wrote in, so each goes out over their own channel.
 */
import { eq } from 'drizzle-orm';
import { contacts, conversations } from '../../../db/schema/index.js';
import { capabilitiesOf } from '../../../channels/registry.js';
import {
  categoryLabel,
  DEFAULT_TIME_ZONE,
  formatLocalDateTime,
  renderTemplate,
  type TicketCategory,
} from '../../domain/tickets/index.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { insertOutbound } from '../post-message.js';
import type { TicketRow } from './timing.js';

/** Logs of calls and visits reach no owner: nothing is sent through them. */
const isOffline = (channel: string): boolean => capabilitiesOf(channel).logOnly === true;

export interface OwnerMessage {
  messageId: string;
  events: StoredEvent[];
}

/** The variables a template may use, for this ticket. */
export async function templateVars(tx: Tx, row: TicketRow, timeZone: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  let contactName = '';
  if (row.contactId) {
    const [c] = await tx.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, row.contactId));
    contactName = c?.name ?? '';
  }
  const when = (d: Date | null) => (d ? formatLocalDateTime(d, timeZone || DEFAULT_TIME_ZONE) : '—');
  return {
    number: row.number,
    category: categoryLabel(row.category as TicketCategory, 'zh-CN'),
    summary: row.summary,
    responseBy: when(row.firstResponseDueAt),
    resolveBy: when(row.resolutionDueAt),
    contactName,
    ...extra,
  };
}

export async function sendOwnerMessage(
  tx: Tx,
  deps: Pick<ServiceDeps, 'clock'>,
  conversationId: string,
  template: string,
  vars: Record<string, string>,
  meta: Record<string, unknown>,
): Promise<OwnerMessage | null> {
  const [conv] = await tx.select({ channel: conversations.channel }).from(conversations).where(eq(conversations.id, conversationId));
  // A logged phone call or visit has no channel to write back on: the agent tells the owner in person.
  if (!conv || isOffline(conv.channel)) return null;
  const result = await insertOutbound(tx, deps, { conversationId, senderType: 'bot', senderId: null, content: renderTemplate(template, vars), meta });
  return result ? { messageId: result.message.id, events: result.events } : null;
}
