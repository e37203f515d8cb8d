/**
 * Search over messages and contacts that works for Chinese: trigram indexes (pg_trgm) for
 * queries of three characters or more, a bigram index for two, a newest-first scan for one.
 * The same permission rule as the list applies to every hit.
 */
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { contactMerges, contacts, conversations, messages } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import { can, type Principal } from '../../domain/permissions.js';
import { likePattern, normalizeQuery, snippetOf, strategyFor, type Snippet } from '../../domain/workspace/search-query.js';
import { maskPhone } from './contact-view.js';

export interface MessageHit {
  messageId: string;
  conversationId: string;
  contactName: string;
  channel: string;
  private: boolean;
  createdAt: string;
  snippet: Snippet;
}

export interface ContactHit {
  id: string;
  name: string;
  unit: string | null;
  phone: string | null;
  email: string | null;
  snippet: Snippet;
}

function matchOn(column: SQL, q: string): SQL {
  const pattern = likePattern(q);
  const strategy = strategyFor(q);
  if (strategy === 'bigram') return sql`(huixin_bigrams(${column}) @> ARRAY[lower(${q})] and ${column} ilike ${pattern})`;
  return sql`${column} ilike ${pattern}`;
}

export async function searchMessages(db: Db, user: Principal, rawQ: string, limit: number): Promise<MessageHit[]> {
  const q = normalizeQuery(rawQ);
  if (!q) return [];
  const visible = can(user, 'conversation.read.all') ? undefined : eq(conversations.assigneeId, user.id);
  const rows = await db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      content: messages.content,
      private: messages.private,
      createdAt: messages.createdAt,
      channel: conversations.channel,
      contactName: contacts.name,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(matchOn(sql`${messages.content}`, q), visible))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
  return rows.map((r) => ({
    messageId: r.id,
    conversationId: r.conversationId,
    contactName: r.contactName,
    channel: r.channel,
    private: r.private,
    createdAt: r.createdAt.toISOString(),
    snippet: snippetOf(r.content, q),
  }));
}

const contactText = sql`huixin_contact_text(${contacts.name}, ${contacts.unit}, ${contacts.phone}, ${contacts.email})`;

export async function searchContacts(db: Db, user: Principal, rawQ: string, limit: number): Promise<ContactHit[]> {
  const q = normalizeQuery(rawQ);
  if (!q || !can(user, 'conversation.read.all')) return [];
  const rows = await db
    .select({ id: contacts.id, name: contacts.name, unit: contacts.unit, phone: contacts.phone, email: contacts.email })
    .from(contacts)
    .leftJoin(contactMerges, and(eq(contactMerges.mergedId, contacts.id), isNull(contactMerges.undoneAt)))
    .where(and(matchOn(contactText, q), isNull(contactMerges.id)))
    .orderBy(contacts.name)
    .limit(limit);
  const showPhone = can(user, 'contact.phone.view');
  return rows.map((r) => ({
    ...r,
    phone: showPhone ? r.phone : maskPhone(r.phone),
    snippet: snippetOf([r.name, r.unit, showPhone ? r.phone : null, r.email].filter(Boolean).join(' · '), q),
  }));
}
