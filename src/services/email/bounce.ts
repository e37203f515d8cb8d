/**
 * A bounce (DSN) of one of our replies marks that reply `failed` with the bounce's reason, so
 * the agent sees it on the message instead of in a mailbox nobody reads. A delay notice
 * (DSN `delayed`, 4.x.x) fails nothing: it puts a warning on the reply
 * (`meta.deliveryWarning`) while the receiving server keeps trying. Which reply a notice is
 * about: see bounced-reply.ts.
 */
import { eq, inArray, and, sql } from 'drizzle-orm';
import { messages } from '../../../db/schema/index.js';
import { extractBounce } from '../../../channels/email/auto-reply.js';
import type { ParsedEmail } from '../../../channels/email/parse.js';
import type { ServiceDeps, StoredEvent } from '../ports.js';
import { recordEvent } from '../record-event.js';
import { toMessageViews } from '../views.js';
import { findBouncedReply } from './bounced-reply.js';

export interface DeliveryWarning {
  kind: 'delayed';
  /** RFC 3463 status, e.g. `4.4.7`, when the notice had one. */
  status: string | null;
  reason: string;
  /** ISO time the notice arrived. */
  at: string;
}

export interface BounceOutcome {
  failedMessageId: string | null;
  /** The reply a delay notice put a warning on. */
  warnedMessageId: string | null;
  reason: string;
  matchedBy: 'message-id' | 'recipient-subject' | null;
}

export async function failBouncedReply(deps: ServiceDeps, inboxId: string, parsed: ParsedEmail): Promise<BounceOutcome> {
  const bounce = extractBounce(parsed);
  const reason = bounce ? [bounce.status, bounce.reason].filter(Boolean).join(' ') : 'delivery failed';
  const none: BounceOutcome = { failedMessageId: null, warnedMessageId: null, reason, matchedBy: null };
  if (!bounce) return none;
  const now = deps.clock.now();

  const published: StoredEvent[] = [];
  const outcome = await deps.db.transaction(async (tx) => {
    const match = await findBouncedReply(tx, inboxId, bounce, now);
    if (!match) return none;
    const changes = bounce.delayed
      ? {
          // Merged in SQL so a concurrent meta change of the row is not overwritten.
          meta: sql`${messages.meta} || ${JSON.stringify({ deliveryWarning: { kind: 'delayed', status: bounce.status ?? null, reason: bounce.reason.slice(0, 500), at: now.toISOString() } satisfies DeliveryWarning })}::jsonb`,
          updatedAt: now,
        }
      : { deliveryStatus: 'failed' as const, deliveryError: `bounced: ${reason}`.slice(0, 2000), updatedAt: now };
    const [row] = await tx
      .update(messages)
      .set(changes)
      .where(and(eq(messages.id, match.id), inArray(messages.deliveryStatus, ['sent', 'sending'])))
      .returning();
    if (!row) return none;
    const [view] = await toMessageViews(tx, [row]);
    published.push(await recordEvent(tx, 'message.updated', { conversationId: row.conversationId, inboxId: row.inboxId }, { message: view }));
    return bounce.delayed
      ? { ...none, warnedMessageId: row.id, matchedBy: match.by }
      : { ...none, failedMessageId: row.id, matchedBy: match.by };
  });
  deps.bus.publish(published);
  const log = { inboxId, originalId: bounce.originalMessageId, recipient: bounce.recipient, reason, matchedBy: outcome.matchedBy };
  if (bounce.delayed) deps.logger.info('delivery delayed notice; reply keeps its status, warning shown', log);
  else if (!outcome.failedMessageId) deps.logger.info('bounce for a message we do not know as sent', log);
  return outcome;
}
