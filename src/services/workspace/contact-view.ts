/** The contact sidebar: who the owner is, on which channels, and their history with us. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { contactIdentities, contactMerges, contacts, conversations } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { can, type Principal } from '../../domain/permissions.js';
import { conversationQuery, toConversationView, type ConversationView } from '../views.js';
import type { TicketPort, TicketSummary } from './ticket-port.js';

/** Agents without contact.phone.view see only the last four digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\s/g, '');
  return digits.length <= 4 ? '****' : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

export interface ContactDetails {
  id: string;
  name: string;
  unit: string | null;
  phone: string | null;
  email: string | null;
  identities: { id: string; channel: string; externalId: string; username: string | null; displayName: string | null; blocked: boolean }[];
  conversations: ConversationView[];
  tickets: TicketSummary[];
  /** Merges into this contact that can still be undone. */
  merges: { id: string; mergedId: string; mergedName: string; createdAt: string }[];
  /** Set when this contact was merged into another (while that merge stands). */
  mergedInto: string | null;
}

/**
 * The one read rule for a contact, for its reads and its writes alike: inbox-wide readers
 * see every contact; those who read only their own conversations see the contacts of those.
 */
export async function canReadContact(db: Db, user: Principal & { id: string }, id: string): Promise<boolean> {
  if (can(user, 'conversation.read.all')) {
    const [c] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, id));
    return Boolean(c);
  }
  if (!can(user, 'conversation.read.assigned')) return false;
  const [own] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.contactId, id), eq(conversations.assigneeId, user.id)))
    .limit(1);
  return Boolean(own);
}

export async function contactDetails(db: Db, tickets: TicketPort, user: Principal & { id: string }, id: string): Promise<ContactDetails | null> {
  if (!(await canReadContact(db, user, id))) return null;
  const [c] = await db.select().from(contacts).where(eq(contacts.id, id));
  if (!c) return null;
  const convRows = await conversationQuery(db)
    .where(and(eq(conversations.contactId, id), can(user, 'conversation.read.all') ? undefined : eq(conversations.assigneeId, user.id)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(50);
  const identities = await db
    .select({
      id: contactIdentities.id,
      channel: contactIdentities.channel,
      externalId: contactIdentities.externalId,
      username: contactIdentities.username,
      displayName: contactIdentities.displayName,
      blocked: contactIdentities.blocked,
    })
    .from(contactIdentities)
    .where(eq(contactIdentities.contactId, id));
  const merges = await db
    .select({ id: contactMerges.id, mergedId: contactMerges.mergedId, mergedName: contacts.name, createdAt: contactMerges.createdAt })
    .from(contactMerges)
    .innerJoin(contacts, eq(contacts.id, contactMerges.mergedId))
    .where(and(eq(contactMerges.survivorId, id), isNull(contactMerges.undoneAt)))
    .orderBy(desc(contactMerges.createdAt));
  const [into] = await db
    .select({ survivorId: contactMerges.survivorId })
    .from(contactMerges)
    .where(and(eq(contactMerges.mergedId, id), isNull(contactMerges.undoneAt)));
  const showPhone = can(user, 'contact.phone.view');
  return {
    id: c.id,
    name: c.name,
    unit: c.unit,
    phone: showPhone ? c.phone : maskPhone(c.phone),
    email: c.email,
    identities: identities.map((i) => (i.channel === 'phone' && !showPhone ? { ...i, externalId: maskPhone(i.externalId) ?? '' } : i)),
    conversations: convRows.map(toConversationView),
    tickets: await tickets.listForContact(db, id),
    merges: merges.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    mergedInto: into?.survivorId ?? null,
  };
}

export async function updateContact(
  db: Db,
  id: string,
  patch: { name?: string; unit?: string | null; phone?: string | null; email?: string | null },
): Promise<boolean> {
  const rows = await db
    .update(contacts)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(contacts.id, id))
    .returning({ id: contacts.id });
  return rows.length > 0;
}
