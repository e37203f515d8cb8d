/**
 * Private notes with @mentions: the note and its mentions are stored in one transaction, and
 * each mention is an event (`mention.created`) so the mentioned agent hears of it live.
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { mentions, messages, users } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { ServiceDeps, StoredEvent } from '../ports.js';
import { insertOutbound } from '../post-message.js';
import { recordEvent } from '../record-event.js';
import type { MessageView } from '../views.js';

export class UnknownMention extends Error {}

export interface MentionView {
  id: string;
  userId: string;
  conversationId: string;
  messageId: string;
  by: { id: string; name: string } | null;
  excerpt: string;
  createdAt: string;
  readAt: string | null;
}

export async function addNote(
  deps: ServiceDeps,
  author: { id: string; name: string },
  conversationId: string,
  content: string,
  mentionIds: string[],
): Promise<MessageView | null> {
  const ids = [...new Set(mentionIds)].filter((id) => id !== author.id);
  if (ids.length > 0) {
    const found = await deps.db.select({ id: users.id }).from(users).where(inArray(users.id, ids));
    if (found.length !== ids.length) throw new UnknownMention('a mentioned agent does not exist');
  }
  const published: StoredEvent[] = [];
  const message = await deps.db.transaction(async (tx) => {
    const result = await insertOutbound(tx, deps, { conversationId, senderType: 'agent', senderId: author.id, content, private: true, meta: { mentions: ids } });
    if (!result) return null;
    published.push(...result.events);
    const inboxId = (result.events[0]?.inboxId ?? null) as string | null;
    for (const userId of ids) {
      const [m] = await tx.insert(mentions).values({ messageId: result.message.id, conversationId, userId, byUserId: author.id, createdAt: deps.clock.now() }).returning();
      if (!m) continue;
      const view: MentionView = {
        id: m.id,
        userId,
        conversationId,
        messageId: m.messageId,
        by: author,
        excerpt: content.slice(0, 140),
        createdAt: m.createdAt.toISOString(),
        readAt: null,
      };
      published.push(await recordEvent(tx, 'mention.created', { conversationId, inboxId }, { mention: view }));
    }
    return result.message;
  });
  deps.bus.publish(published);
  return message;
}

export async function listMentions(db: Db, userId: string, unreadOnly: boolean): Promise<MentionView[]> {
  const rows = await db
    .select({ m: mentions, byName: users.name, content: messages.content })
    .from(mentions)
    .innerJoin(messages, eq(messages.id, mentions.messageId))
    .leftJoin(users, eq(users.id, mentions.byUserId))
    .where(and(eq(mentions.userId, userId), unreadOnly ? isNull(mentions.readAt) : undefined))
    .orderBy(desc(mentions.createdAt))
    .limit(100);
  return rows.map(({ m, byName, content }) => ({
    id: m.id,
    userId: m.userId,
    conversationId: m.conversationId,
    messageId: m.messageId,
    by: m.byUserId ? { id: m.byUserId, name: byName ?? '' } : null,
    excerpt: content.slice(0, 140),
    createdAt: m.createdAt.toISOString(),
    readAt: m.readAt?.toISOString() ?? null,
  }));
}

/** Opening the conversation reads the agent's mentions in it. */
export async function readMentions(db: Db, userId: string, conversationId: string): Promise<number> {
  const rows = await db
    .update(mentions)
    .set({ readAt: new Date() })
    .where(and(eq(mentions.userId, userId), eq(mentions.conversationId, conversationId), isNull(mentions.readAt)))
    .returning({ id: mentions.id });
  return rows.length;
}
