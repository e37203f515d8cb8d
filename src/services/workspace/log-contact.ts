/**
 * Logging a phone call or a walk-in visit (来电 / 来访) as a conversation on the `phone` or
 * `visit` channel, so every complaint is on record whichever way it came. The agent's notes
 * are the owner's message (they are what the owner said); the conversation is the agent's.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { contactIdentities, contacts } from '../../../db/schema/index.js';
import type { Principal } from '../../domain/permissions.js';
import { ensureInbox } from '../bootstrap.js';
import { markRead, updateConversation } from '../conversations.js';
import { ingestInbound } from '../ingest-inbound.js';
import type { ServiceDeps } from '../ports.js';

export interface LogContactInput {
  channel: 'phone' | 'visit';
  contactId?: string;
  newContact?: { name: string; phone?: string; unit?: string };
  subject?: string;
  notes: string;
}

export class UnknownContact extends Error {}

const INBOX_NAMES = { phone: '来电 Phone', visit: '来访 Visit' } as const;

export async function logContact(deps: ServiceDeps, agent: Principal & { name: string }, input: LogContactInput): Promise<{ conversationId: string; contactId: string }> {
  let contactId = input.contactId;
  let name: string;
  if (contactId) {
    const [c] = await deps.db.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, contactId));
    if (!c) throw new UnknownContact(`no contact ${contactId}`);
    name = c.name;
  } else if (input.newContact) {
    const [c] = await deps.db
      .insert(contacts)
      .values({ name: input.newContact.name, phone: input.newContact.phone ?? null, unit: input.newContact.unit ?? null })
      .returning({ id: contacts.id });
    if (!c) throw new Error('contact insert returned nothing');
    contactId = c.id;
    name = input.newContact.name;
  } else {
    throw new UnknownContact('give contactId or newContact');
  }
  const key = `contact:${contactId}`;
  // The identity ties this channel to the contact, so ingest finds them instead of creating one.
  await deps.db.insert(contactIdentities).values({ contactId, channel: input.channel, externalId: key, displayName: name }).onConflictDoNothing();
  const inboxId = await ensureInbox(deps.db, input.channel, 'desk', INBOX_NAMES[input.channel]);
  const result = await ingestInbound(
    deps,
    {
      kind: 'message',
      channel: input.channel,
      inboxId,
      externalId: randomUUID(),
      threadKey: key,
      author: { externalId: key, name },
      subject: input.subject,
      text: input.notes,
      contentType: 'text',
      attachments: [],
      meta: { loggedBy: { id: agent.id, name: agent.name } },
      sentAt: deps.clock.now(),
      raw: null,
    },
    { mode: 'new' },
  );
  if (!result.conversationId) throw new Error('logged contact was not stored');
  await updateConversation(deps, agent, result.conversationId, { assigneeId: agent.id });
  await markRead(deps, agent, result.conversationId);
  return { conversationId: result.conversationId, contactId: result.contactId ?? contactId };
}
