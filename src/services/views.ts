/**
 * The API's shapes of a conversation and a message, built in one place so that REST
 * responses, socket events and the catch-up endpoint always agree.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { contacts, conversations, messages, users } from '../../db/schema/index.js';
import type { Attachment } from '../../channels/types.js';
import type { Db } from '../../db/client.js';
import type { Tx } from './ports.js';
import type { ConversationStatus } from '../domain/conversation.js';

type Reader = Db | Tx;

export interface ConversationView {
  id: string;
  inboxId: string;
  status: ConversationStatus;
  channel: string;
  subject: string | null;
  contact: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  lastMessageAt: string;
  unreadCount: number;
  lastMessage: { content: string; direction: 'in' | 'out' } | null;
  createdAt: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  labelIds: string[];
  snoozedUntil: string | null;
}

export interface MessageView {
  id: string;
  conversationId: string;
  direction: 'in' | 'out';
  sender: { type: 'contact' | 'agent' | 'bot' | 'system'; id: string | null; name: string };
  private: boolean;
  content: string;
  contentType: string;
  html: string | null;
  attachments: Attachment[];
  meta: Record<string, unknown>;
  edited: boolean;
  createdAt: string;
  delivery: { status: 'queued' | 'sent' | 'failed' | 'unknown'; error: string | null } | null;
}

const assignee = alias(users, 'assignee');

export const conversationColumns = {
  c: conversations,
  contactName: contacts.name,
  assigneeName: assignee.name,
};

export function conversationQuery(db: Reader) {
  return db
    .select(conversationColumns)
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId));
}

export type ConversationRow = { c: typeof conversations.$inferSelect; contactName: string; assigneeName: string | null };

export function toConversationView(r: ConversationRow): ConversationView {
  const c = r.c;
  return {
    id: c.id,
    inboxId: c.inboxId,
    status: c.status as ConversationStatus,
    channel: c.channel,
    subject: c.subject,
    contact: { id: c.contactId, name: r.contactName },
    assignee: c.assigneeId ? { id: c.assigneeId, name: r.assigneeName ?? '' } : null,
    lastMessageAt: c.lastMessageAt.toISOString(),
    unreadCount: c.unreadCount,
    lastMessage:
      c.lastMessagePreview !== null && c.lastMessageDirection !== null
        ? { content: c.lastMessagePreview, direction: c.lastMessageDirection === 'out' ? 'out' : 'in' }
        : null,
    createdAt: c.createdAt.toISOString(),
    priority: c.priority,
    labelIds: c.labelIds,
    snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
  };
}

export async function loadConversationView(db: Reader, id: string): Promise<ConversationView | null> {
  const [row] = await conversationQuery(db).where(eq(conversations.id, id)).limit(1);
  return row ? toConversationView(row) : null;
}

type MessageRow = typeof messages.$inferSelect;

/** Sender names come from the contact or the agent; bots and the system have fixed names. */
export async function toMessageViews(db: Reader, rows: MessageRow[]): Promise<MessageView[]> {
  if (rows.length === 0) return [];
  const agentIds = [...new Set(rows.filter((m) => m.senderType === 'agent' && m.senderId).map((m) => m.senderId as string))];
  const agentNames = new Map<string, string>();
  if (agentIds.length > 0) {
    for (const u of await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, agentIds))) {
      agentNames.set(u.id, u.name);
    }
  }
  const contactIds = [...new Set(rows.filter((m) => m.senderType === 'contact' && m.senderId).map((m) => m.senderId as string))];
  const contactNames = new Map<string, string>();
  if (contactIds.length > 0) {
    for (const c of await db.select({ id: contacts.id, name: contacts.name }).from(contacts).where(inArray(contacts.id, contactIds))) {
      contactNames.set(c.id, c.name);
    }
  }
  return rows.map((m) => toMessageView(m, senderName(m, agentNames, contactNames)));
}

function senderName(m: MessageRow, agents: Map<string, string>, contactsById: Map<string, string>): string {
  if (m.senderType === 'agent') return (m.senderId && agents.get(m.senderId)) || 'Agent';
  if (m.senderType === 'contact') return (m.senderId && contactsById.get(m.senderId)) || 'Contact';
  return m.senderType === 'bot' ? 'Bot' : 'System';
}

export function toMessageView(m: MessageRow, name: string): MessageView {
  const status = m.deliveryStatus;
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    sender: { type: m.senderType, id: m.senderId, name },
    private: m.private,
    content: m.content,
    contentType: m.contentType,
    html: m.html,
    attachments: m.attachments,
    meta: m.meta,
    edited: m.edited,
    createdAt: m.createdAt.toISOString(),
    // "sending" is an internal claim; to the outside it is still on its way.
    delivery: status ? { status: status === 'sending' ? 'queued' : status, error: m.deliveryError } : null,
  };
}

export async function loadMessageView(db: Reader, id: string): Promise<MessageView | null> {
  const rows = await db.select().from(messages).where(and(eq(messages.id, id))).limit(1);
  const [view] = await toMessageViews(db, rows);
  return view ?? null;
}
