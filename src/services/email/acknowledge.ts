/**
 * The automatic acknowledgement of a new email matter: queued as a bot message in the same
 * transaction as the owner's first mail (a redelivered mail is a duplicate, so it is never
 * acknowledged twice), once per thread (email_acknowledgements), and sent by the normal
 * delivery as a reply to that mail, marked Auto-Submitted by the email channel.
 */
import { eq } from 'drizzle-orm';
import { emailAcknowledgements, inboxes } from '../../../db/schema/index.js';
import { whyNotAcknowledge, type NoAcknowledgeReason } from '../../../channels/email/auto-reply.js';
import type { ParsedEmail } from '../../../channels/email/parse.js';
import type { ThreadDecision } from '../../../channels/email/threading.js';
import type { Db } from '../../../db/client.js';
import { conversationReference } from '../../domain/conversation-reference.js';
import { EMAIL_ACK_KIND, emailAcknowledgementText } from '../../domain/email-acknowledgement.js';
import type { ServiceDeps, StoredEvent, Tx } from '../ports.js';
import { insertOutbound } from '../post-message.js';

/** Every mailbox address of the center, disabled ones too: mail from any of them is ours. */
export async function centerAddresses(db: Db | Tx): Promise<string[]> {
  const rows = await db.select({ accountKey: inboxes.accountKey }).from(inboxes).where(eq(inboxes.channel, 'email'));
  return rows.map((r) => r.accountKey.toLowerCase());
}

export type AcknowledgePlan = { acknowledge: true; threadRoot: string } | { acknowledge: false; reason: NoAcknowledgeReason | 'switched-off' | 'not-new' | 'known-thread' };

/** The root Message-ID of the thread a mail belongs to, as its own client sees it. */
export function threadRootOf(parsed: Pick<ParsedEmail, 'references' | 'inReplyTo'>, messageId: string): string {
  return parsed.references[0] ?? parsed.inReplyTo ?? messageId;
}

/** Whether this mail gets an acknowledgement (decided before the transaction, from its headers). */
export async function planAcknowledgement(
  db: Db,
  input: { enabled: boolean; decision: ThreadDecision; parsed: Pick<ParsedEmail, 'headers' | 'from' | 'references' | 'inReplyTo'>; messageId: string },
): Promise<AcknowledgePlan> {
  if (!input.enabled) return { acknowledge: false, reason: 'switched-off' };
  if (input.decision.action === 'join') return { acknowledge: false, reason: 'not-new' };
  // Its headers name a conversation of ours that the sender is not part of: not a new thread.
  if (input.decision.reason === 'sender-not-participant') return { acknowledge: false, reason: 'known-thread' };
  const reason = whyNotAcknowledge({ headers: input.parsed.headers, from: input.parsed.from?.address, ownAddresses: await centerAddresses(db) });
  if (reason) return { acknowledge: false, reason };
  return { acknowledge: true, threadRoot: threadRootOf(input.parsed, input.messageId) };
}

/**
 * Inside the intake transaction: claims the thread and stores the acknowledgement. Null when
 * the thread was acknowledged already; the caller enqueues the delivery after the commit.
 */
export async function queueAcknowledgement(
  tx: Tx,
  deps: Pick<ServiceDeps, 'clock'>,
  input: { inboxId: string; conversationId: string; threadRoot: string },
): Promise<{ messageId: string; events: StoredEvent[] } | null> {
  const [claimed] = await tx
    .insert(emailAcknowledgements)
    .values({ inboxId: input.inboxId, threadRoot: input.threadRoot, conversationId: input.conversationId, createdAt: deps.clock.now() })
    .onConflictDoNothing()
    .returning({ conversationId: emailAcknowledgements.conversationId });
  if (!claimed) return null;
  const reference = conversationReference(input.conversationId);
  const stored = await insertOutbound(tx, deps, {
    conversationId: input.conversationId,
    senderType: 'bot',
    senderId: null,
    content: emailAcknowledgementText(reference),
    meta: { kind: EMAIL_ACK_KIND, reference },
    keepsLastMessage: true,
  });
  if (!stored) return null;
  return { messageId: stored.message.id, events: stored.events };
}
