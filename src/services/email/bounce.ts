/**
 * A bounce (DSN) of one of our replies marks that reply `failed` with the bounce's reason, so
 * the agent sees it on the message instead of in a mailbox nobody reads. A delay notice
 * (DSN `delayed`, 4.x.x) is not a bounce and fails nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { messages } from '../../../db/schema/index.js';
import { extractBounce } from '../../../channels/email/auto-reply.js';
import type { ParsedEmail } from '../../../channels/email/parse.js';
import { parseOwnMessageId } from '../../../channels/email/threading.js';
import type { ServiceDeps, StoredEvent } from '../ports.js';
import { recordEvent } from '../record-event.js';
import { toMessageViews } from '../views.js';

export async function failBouncedReply(deps: ServiceDeps, inboxId: string, parsed: ParsedEmail): Promise<{ failedMessageId: string | null; reason: string }> {
  const bounce = extractBounce(parsed);
  const reason = bounce ? [bounce.status, bounce.reason].filter(Boolean).join(' ') : 'delivery failed';
  const originalId = bounce?.originalMessageId;
  if (bounce?.delayed) {
    // A delay notice: the receiving server is still trying, so the reply stays as it is.
    deps.logger.info('delivery delayed notice; reply not failed', { inboxId, originalId, reason });
    return { failedMessageId: null, reason };
  }
  if (!originalId) {
    deps.logger.info('bounce without a returned Message-ID ignored', { inboxId, reason });
    return { failedMessageId: null, reason };
  }
  const ownId = parseOwnMessageId(originalId)?.messageId;
  const own = ownId && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ownId) ? ownId : null;
  const published: StoredEvent[] = [];
  const failedId = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({ deliveryStatus: 'failed', deliveryError: `bounced: ${reason}`.slice(0, 2000), updatedAt: deps.clock.now() })
      .where(
        and(
          eq(messages.inboxId, inboxId),
          eq(messages.direction, 'out'),
          // Only a reply that went out (or is going) can bounce; a failed one stays as it is.
          inArray(messages.deliveryStatus, ['sent', 'sending']),
          own ? eq(messages.id, own) : eq(messages.externalId, originalId),
        ),
      )
      .returning();
    if (!row) return null;
    const [view] = await toMessageViews(tx, [row]);
    published.push(await recordEvent(tx, 'message.updated', { conversationId: row.conversationId, inboxId: row.inboxId }, { message: view }));
    return row.id;
  });
  deps.bus.publish(published);
  if (!failedId) deps.logger.info('bounce for a message we do not know as sent', { inboxId, originalId });
  return { failedMessageId: failedId, reason };
}
