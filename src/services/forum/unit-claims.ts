/**
 * Owners state a unit (楼栋/房号); staff confirm it against the contact records. Confirming
 * links the forum account to the owner's contact: the forum identity and its conversations
 * move to that contact, so the inbox shows one person across Telegram, email and forum.
 */
import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { contactIdentities, contacts, conversations, forumAccounts, forumModerationHistory, messages } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Principal } from '../../domain/permissions.js';
import { unitKey } from '../../domain/forum/units.js';
import { upsertContact } from '../ingest-inbound.js';
import type { StoredEvent } from '../ports.js';
import { recordEvent } from '../record-event.js';
import { loadConversationView } from '../views.js';
import type { ForumDeps } from './deps.js';
import { publishClaimsChanged } from './events.js';
import { ForumInvalid, ForumNotFound } from './moderation-access.js';

export interface UnitClaimView {
  accountId: string;
  displayName: string;
  email: string;
  unit: string;
  status: 'pending' | 'confirmed' | 'rejected' | 'none';
  note: string | null;
  contactId: string | null;
  /** Contacts whose unit or email matches, to link to. */
  candidates: { id: string; name: string; unit: string | null; email: string | null }[];
}

/** Digits and letters only: "3栋1201室" and "3-1201" compare equal. */
const looseUnit = (u: string) => unitKey(u).replace(/[^0-9A-Z]/g, '');

export async function listUnitClaims(db: Db, state: 'pending' | 'confirmed' | 'rejected'): Promise<UnitClaimView[]> {
  const rows = await db.select().from(forumAccounts).where(eq(forumAccounts.unitStatus, state)).orderBy(asc(forumAccounts.createdAt)).limit(200);
  const out: UnitClaimView[] = [];
  for (const a of rows) {
    const key = looseUnit(a.unitClaim ?? '');
    const candidates = await db
      .select({ id: contacts.id, name: contacts.name, unit: contacts.unit, email: contacts.email })
      .from(contacts)
      .where(
        or(
          key ? sql`regexp_replace(upper(coalesce(${contacts.unit}, '')), '[^0-9A-Z]', '', 'g') = ${key}` : sql`false`,
          eq(sql`lower(${contacts.email})`, a.email),
        ),
      )
      .limit(10);
    out.push({ accountId: a.id, displayName: a.displayName, email: a.email, unit: a.unitClaim ?? '', status: a.unitStatus, note: a.unitNote, contactId: a.contactId, candidates });
  }
  return out;
}

/**
 * Confirms the claim. With `contactId`, the forum identity joins that contact (its
 * conversations follow); without, the forum's own contact gets the unit.
 */
export async function confirmUnit(deps: ForumDeps, user: Principal, accountId: string, contactId: string | null): Promise<void> {
  const published: StoredEvent[] = [];
  await deps.db.transaction(async (tx) => {
    const [a] = await tx.select().from(forumAccounts).where(eq(forumAccounts.id, accountId)).for('update');
    if (!a) throw new ForumNotFound('no such forum account');
    if (!a.unitClaim) throw new ForumInvalid('this owner has not stated a unit');
    const own = await upsertContact(tx, 'forum', { externalId: a.id, name: a.displayName, email: a.email });
    let target = own;
    if (contactId && contactId !== own) {
      const [c] = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, contactId));
      if (!c) throw new ForumInvalid('no such contact');
      target = c.id;
      await tx.update(contactIdentities).set({ contactId: target }).where(and(eq(contactIdentities.channel, 'forum'), eq(contactIdentities.externalId, a.id)));
      const moved = await tx.update(conversations).set({ contactId: target, updatedAt: deps.clock.now() }).where(eq(conversations.contactId, own)).returning({ id: conversations.id, inboxId: conversations.inboxId });
      await tx.update(messages).set({ senderId: target }).where(and(eq(messages.senderType, 'contact'), eq(messages.senderId, own)));
      for (const m of moved) {
        published.push(await recordEvent(tx, 'conversation.updated', { conversationId: m.id, inboxId: m.inboxId }, { conversation: await loadConversationView(tx, m.id) }));
      }
      // The forum-only contact is empty now; drop it unless something else still uses it.
      const [left] = await tx.select({ id: contactIdentities.id }).from(contactIdentities).where(eq(contactIdentities.contactId, own)).limit(1);
      // A savepoint, so a row that still points at it (a ticket, a merge record) only keeps it.
      if (!left) await tx.transaction((sp) => sp.delete(contacts).where(eq(contacts.id, own))).catch(() => undefined);
    }
    await tx.update(contacts).set({ unit: a.unitClaim, updatedAt: deps.clock.now() }).where(and(eq(contacts.id, target), or(isNull(contacts.unit), ne(contacts.unit, a.unitClaim))));
    await tx.update(forumAccounts).set({ unitStatus: 'confirmed', unitNote: null, contactId: target }).where(eq(forumAccounts.id, a.id));
    await tx.insert(forumModerationHistory).values({ accountId: a.id, actorUserId: user.id, action: 'unit_confirmed', detail: { unit: a.unitClaim, contactId: target }, createdAt: deps.clock.now() });
  });
  deps.bus.publish(published);
  await publishClaimsChanged(deps, accountId);
}

export async function rejectUnit(deps: ForumDeps, user: Principal, accountId: string, note: string): Promise<void> {
  if (!note.trim()) throw new ForumInvalid('tell the owner why (for example: the unit does not match our records)');
  const rows = await deps.db
    .update(forumAccounts)
    .set({ unitStatus: 'rejected', unitNote: note.trim() })
    .where(and(eq(forumAccounts.id, accountId), inArray(forumAccounts.unitStatus, ['pending', 'confirmed'])))
    .returning({ id: forumAccounts.id });
  if (rows.length === 0) throw new ForumNotFound('no open unit claim for this account');
  await deps.db.insert(forumModerationHistory).values({ accountId, actorUserId: user.id, action: 'unit_rejected', reason: note.trim(), createdAt: deps.clock.now() });
  await publishClaimsChanged(deps, accountId);
}
