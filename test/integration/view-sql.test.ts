/**
 * view-sql.ts builds in SQL the views that views.ts builds in TypeScript (the webhook's
 * one-statement path stores its events with them). Both must give the same JSON for every
 * state a conversation or an owner's message can be in, or live lists drift from REST.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../db/result-rows.js';
import { contacts, conversations, messages, users } from '../../db/schema/index.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { startTestServer, TEST_BOT_TOKEN, type TestServer } from '../support/huixin.js';
import { fixtureFor, newOwner, textUpdate } from '../support/telegram-updates.js';
import { contactMessageViewSql, conversationViewSql } from '../../src/services/view-sql.js';
import { loadConversationView, toMessageViews } from '../../src/services/views.js';

let tg: FakeTelegram;
let hx: TestServer;
let conversationId: string;

beforeAll(async () => {
  tg = await startFakeTelegram({ token: TEST_BOT_TOKEN });
  hx = await startTestServer({ telegramApiRoot: tg.apiRoot });
  const owner = newOwner('View', 'Parity');
  await hx.webhook(textUpdate(owner, '电梯又坏了'));
  await hx.webhook(fixtureFor('photo-caption', owner));
  const [row] = await hx.deps.db.select({ id: conversations.id }).from(conversations).innerJoin(contacts, eq(contacts.id, conversations.contactId)).where(eq(contacts.name, 'View Parity'));
  conversationId = row!.id;
});

afterAll(async () => {
  await hx?.close();
  await tg?.close();
});

async function conversationViaSql(id: string): Promise<unknown> {
  const result = await hx.deps.db.execute(sql`
    select ${conversationViewSql('c', sql`ct.name`, sql`u.name`)} as v
    from ${conversations} c join ${contacts} ct on ct.id = c.contact_id left join ${users} u on u.id = c.assignee_id
    where c.id = ${id}`);
  return resultRows<{ v: unknown }>(result)[0]!.v;
}

async function messagesViaSql(id: string): Promise<unknown[]> {
  const result = await hx.deps.db.execute(sql`
    select ${contactMessageViewSql('m', sql`ct.name`)} as v
    from ${messages} m join ${contacts} ct on ct.id = m.sender_id
    where m.conversation_id = ${id} order by m.created_at, m.id`);
  return resultRows<{ v: unknown }>(result).map((r) => r.v);
}

async function messagesViaTs(id: string): Promise<unknown[]> {
  const rows = await hx.deps.db.select().from(messages).where(eq(messages.conversationId, id)).orderBy(messages.createdAt, messages.id);
  return toMessageViews(hx.deps.db, rows);
}

describe('SQL views equal the TypeScript views', () => {
  const states: [string, Partial<typeof conversations.$inferInsert>][] = [
    ['as the webhook left it', {}],
    ['pending, assigned, urgent, labelled, snoozed', { status: 'pending', priority: 'urgent', labelIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'], snoozedUntil: new Date('2026-12-24T08:30:00.123Z') }],
    ['resolved with no last message', { status: 'resolved', lastMessagePreview: null, lastMessageDirection: null, assigneeId: null }],
    ['a last message sent by an agent', { lastMessagePreview: '已派维修师傅', lastMessageDirection: 'out' }],
  ];

  it.each(states)('conversation: %s', async (_, change) => {
    const set: Partial<typeof conversations.$inferInsert> = { ...change };
    if (change.status === 'pending') {
      const [admin] = await hx.deps.db.select({ id: users.id }).from(users).limit(1);
      set.assigneeId = admin!.id;
    }
    if (Object.keys(set).length > 0) await hx.deps.db.update(conversations).set(set).where(eq(conversations.id, conversationId));
    const expected = await loadConversationView(hx.deps.db, conversationId);
    expect(await conversationViaSql(conversationId)).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('messages: text and photo, as received', async () => {
    const viaTs = await messagesViaTs(conversationId);
    expect(viaTs).toHaveLength(2);
    expect(await messagesViaSql(conversationId)).toEqual(JSON.parse(JSON.stringify(viaTs)));
  });

  it('messages: edited, a delivery state, and a contact without a name', async () => {
    await hx.deps.db.update(messages).set({ edited: true, deliveryStatus: 'sending', deliveryError: 'interrupted' }).where(eq(messages.conversationId, conversationId));
    const [conv] = await hx.deps.db.select({ contactId: conversations.contactId }).from(conversations).where(eq(conversations.id, conversationId));
    await hx.deps.db.update(contacts).set({ name: '' }).where(eq(contacts.id, conv!.contactId));
    const viaTs = await messagesViaTs(conversationId);
    expect(viaTs[0]).toMatchObject({ edited: true, delivery: { status: 'queued', error: 'interrupted' }, sender: { name: 'Contact' } });
    expect(await messagesViaSql(conversationId)).toEqual(JSON.parse(JSON.stringify(viaTs)));
  });
});
