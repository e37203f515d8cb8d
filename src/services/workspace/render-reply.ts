/** Fills a canned reply's variables from a conversation, its contact, the agent and its ticket. */
import { eq } from 'drizzle-orm';
import { contacts, conversations, inboxes, users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { renderTemplate, type RenderedTemplate, type TemplateValues } from '../../domain/workspace/template.js';
import type { TicketPort } from './ticket-port.js';

/** Deadlines read in the center's time zone, whatever the server's. */
const DUE_FORMAT = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export async function templateValues(db: Db, tickets: TicketPort, conversationId: string, agentId: string): Promise<TemplateValues | null> {
  const [row] = await db
    .select({ contactName: contacts.name, unit: contacts.unit, inboxName: inboxes.name })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .where(eq(conversations.id, conversationId));
  if (!row) return null;
  const [agent] = await db.select({ name: users.name }).from(users).where(eq(users.id, agentId));
  const ticket = await tickets.latestForConversation(db, conversationId);
  return {
    'contact.name': row.contactName,
    'contact.unit': row.unit,
    'agent.name': agent?.name ?? null,
    'inbox.name': row.inboxName,
    'ticket.number': ticket?.number ?? null,
    'ticket.due': ticket?.dueAt ? DUE_FORMAT.format(new Date(ticket.dueAt)) : null,
  };
}

export async function renderForConversation(
  db: Db,
  tickets: TicketPort,
  conversationId: string,
  agentId: string,
  text: string,
): Promise<RenderedTemplate | null> {
  const values = await templateValues(db, tickets, conversationId, agentId);
  return values ? renderTemplate(text, values) : null;
}
