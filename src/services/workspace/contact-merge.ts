/**
 * Merging two contacts that are one person (a Telegram user who also emails): identities,
 * conversations and tickets move to the survivor; blank fields are filled from the merged
 * contact. The audit row records exactly what moved, so undo puts it all back.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { contactIdentities, contactMerges, contacts, conversations } from '../../../db/schema/index.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { recordEvent } from '../record-event.js';
import { loadConversationView } from '../views.js';
import type { TicketPort } from './ticket-port.js';

export class MergeRefused extends Error {}

async function conversationEvents(tx: Tx, ids: string[]): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (const id of ids) {
    const view = await loadConversationView(tx, id);
    if (view) out.push(await recordEvent(tx, 'conversation.updated', { conversationId: id, inboxId: view.inboxId }, { conversation: view }));
  }
  return out;
}

export async function mergeContacts(deps: ServiceDeps, tickets: TicketPort, byUserId: string, survivorId: string, mergedId: string): Promise<{ mergeId: string } | null> {
  if (survivorId === mergedId) throw new MergeRefused('a contact cannot be merged into itself');
  const published: StoredEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    const rows = await tx.select().from(contacts).where(inArray(contacts.id, [survivorId, mergedId])).for('update');
    const survivor = rows.find((r) => r.id === survivorId);
    const merged = rows.find((r) => r.id === mergedId);
    if (!survivor || !merged) return null;
    const [already] = await tx
      .select({ id: contactMerges.id })
      .from(contactMerges)
      .where(and(inArray(contactMerges.mergedId, [survivorId, mergedId]), isNull(contactMerges.undoneAt)));
    if (already) throw new MergeRefused('one of these contacts is already merged into another');
    const identities = await tx
      .update(contactIdentities)
      .set({ contactId: survivorId })
      .where(eq(contactIdentities.contactId, mergedId))
      .returning({ id: contactIdentities.id });
    const convs = await tx
      .update(conversations)
      .set({ contactId: survivorId, updatedAt: deps.clock.now() })
      .where(eq(conversations.contactId, mergedId))
      .returning({ id: conversations.id });
    const movedTickets = await tickets.moveContact(tx, mergedId, survivorId);
    await tx
      .update(contacts)
      .set({ unit: survivor.unit ?? merged.unit, phone: survivor.phone ?? merged.phone, email: survivor.email ?? merged.email, updatedAt: deps.clock.now() })
      .where(eq(contacts.id, survivorId));
    const [audit] = await tx
      .insert(contactMerges)
      .values({
        survivorId,
        mergedId,
        moved: { identities: identities.map((i) => i.id), conversations: convs.map((c) => c.id), tickets: movedTickets },
        survivorBefore: { unit: survivor.unit, phone: survivor.phone, email: survivor.email },
        mergedBy: byUserId,
        createdAt: deps.clock.now(),
      })
      .returning({ id: contactMerges.id });
    if (!audit) throw new Error('merge audit insert returned nothing');
    published.push(...(await conversationEvents(tx, convs.map((c) => c.id))));
    published.push(await recordEvent(tx, 'contact.merged', {}, { mergeId: audit.id, survivorId, mergedId }));
    return { mergeId: audit.id };
  });
  deps.bus.publish(published);
  return result;
}

/** Puts back exactly what the merge moved; later changes to other fields are kept. */
export async function undoMerge(deps: ServiceDeps, tickets: TicketPort, byUserId: string, mergeId: string): Promise<'undone' | 'not_found' | 'already_undone'> {
  const published: StoredEvent[] = [];
  const outcome = await deps.db.transaction(async (tx) => {
    const [m] = await tx.select().from(contactMerges).where(eq(contactMerges.id, mergeId)).for('update');
    if (!m) return 'not_found' as const;
    if (m.undoneAt) return 'already_undone' as const;
    if (m.moved.identities.length > 0) await tx.update(contactIdentities).set({ contactId: m.mergedId }).where(inArray(contactIdentities.id, m.moved.identities));
    if (m.moved.conversations.length > 0) {
      await tx.update(conversations).set({ contactId: m.mergedId, updatedAt: deps.clock.now() }).where(inArray(conversations.id, m.moved.conversations));
    }
    await tickets.restoreContact(tx, m.moved.tickets, m.mergedId);
    await tx.update(contacts).set({ ...m.survivorBefore, updatedAt: deps.clock.now() }).where(eq(contacts.id, m.survivorId));
    await tx.update(contactMerges).set({ undoneAt: deps.clock.now(), undoneBy: byUserId }).where(eq(contactMerges.id, mergeId));
    published.push(...(await conversationEvents(tx, m.moved.conversations)));
    published.push(await recordEvent(tx, 'contact.unmerged', {}, { mergeId, survivorId: m.survivorId, mergedId: m.mergedId }));
    return 'undone' as const;
  });
  deps.bus.publish(published);
  return outcome;
}
