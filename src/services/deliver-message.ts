/**
 * Sends one queued outbound message through its channel, at most once.
 *
 * The row is claimed (queued → sending) in its own statement before the channel is called,
 * so two workers, or a job delivered twice, never both send. A row found still `sending`
 * means an earlier attempt died mid-send: whether the channel got it is unknown, so it is
 * marked failed (with that reason) rather than risk a duplicate; an agent may retry it.
 * Split messages record each part as it goes out, so a retry resumes after the last one.
 */
import { and, eq, sql } from 'drizzle-orm';
import { contactIdentities, conversations, messages } from '../../db/schema/index.js';
import { ChannelError, type Channel } from '../../channels/types.js';
import type { ServiceDeps, StoredEvent } from './ports.js';
import { recordEvent } from './record-event.js';
import { toMessageViews } from './views.js';

export interface ChannelRegistry {
  /** The channel that delivers for an inbox, or null when that channel is not configured here. */
  forInbox(inboxId: string): Channel | null;
}

export type DeliveryOutcome =
  | { status: 'sent'; externalIds: string[] }
  | { status: 'failed'; error: string }
  | { status: 'retry'; delaySeconds: number }
  | { status: 'skipped'; reason: string };

const MAX_NETWORK_RETRIES = 5;

export async function deliverMessage(deps: ServiceDeps, channels: ChannelRegistry, messageId: string): Promise<DeliveryOutcome> {
  const [current] = await deps.db.select().from(messages).where(eq(messages.id, messageId));
  if (!current) return { status: 'skipped', reason: 'message not found' };
  if (current.direction !== 'out' || current.private) return { status: 'skipped', reason: 'not an outbound message' };
  if (current.deliveryStatus === 'sending') {
    const error =
      current.deliveryPartsDone > 0
        ? `delivery interrupted after ${current.deliveryPartsDone} part(s); not resent automatically to avoid a duplicate`
        : 'delivery interrupted; the outcome is unknown, so it was not resent automatically to avoid a duplicate';
    await finish(deps, messageId, { deliveryStatus: 'failed', deliveryError: error }, 'sending');
    return { status: 'failed', error };
  }
  if (current.deliveryStatus !== 'queued') return { status: 'skipped', reason: `already ${current.deliveryStatus}` };
  const waitMs = (current.deliveryNotBefore?.getTime() ?? 0) - deps.clock.now().getTime();
  if (waitMs > 0) return { status: 'retry', delaySeconds: Math.ceil(waitMs / 1000) };

  const channel = channels.forInbox(current.inboxId);
  if (!channel) {
    const error = 'channel not configured on this server';
    await finish(deps, messageId, { deliveryStatus: 'failed', deliveryError: error }, 'queued');
    return { status: 'failed', error };
  }
  const [target] = await deps.db
    .select({ threadKey: conversations.threadKey, contactId: conversations.contactId, channel: conversations.channel })
    .from(conversations)
    .where(eq(conversations.id, current.conversationId));
  if (!target) return { status: 'skipped', reason: 'conversation not found' };

  const claimed = await deps.db
    .update(messages)
    .set({ deliveryStatus: 'sending', updatedAt: deps.clock.now() })
    .where(and(eq(messages.id, messageId), eq(messages.deliveryStatus, 'queued')))
    .returning({ id: messages.id });
  if (claimed.length === 0) return { status: 'skipped', reason: 'claimed by another worker' };

  const partsDone = current.deliveryPartsDone;
  const progress = {
    onPartSent: async (partIndex: number, externalId: string) => {
      await deps.db
        .update(messages)
        .set({
          deliveryPartsDone: partIndex + 1,
          deliveryExternalIds: sql`${messages.deliveryExternalIds} || ${JSON.stringify([externalId])}::jsonb`,
        })
        .where(eq(messages.id, messageId));
    },
  };
  try {
    const result = await channel.send(
      {
        inboxId: current.inboxId,
        conversationId: current.conversationId,
        address: target.threadKey,
        threadKey: target.threadKey,
        partsDone,
        messageId,
      },
      {
        text: current.content,
        html: current.html ?? undefined,
        buttons: readButtons(current.meta),
        meta: current.meta,
      },
      progress,
    );
    const [after] = await deps.db
      .select({ ids: messages.deliveryExternalIds })
      .from(messages)
      .where(eq(messages.id, messageId));
    const externalIds = after?.ids.length ? after.ids : result.externalIds;
    await finish(
      deps,
      messageId,
      { deliveryStatus: 'sent', deliveryError: null, deliveryExternalIds: externalIds, externalId: externalIds[0] ?? null },
      'sending',
    );
    return { status: 'sent', externalIds };
  } catch (err) {
    return handleSendError(deps, messageId, current.meta, err, target.contactId, target.channel);
  }
}

async function handleSendError(
  deps: ServiceDeps,
  messageId: string,
  meta: Record<string, unknown>,
  err: unknown,
  contactId: string,
  channelKind: string,
): Promise<DeliveryOutcome> {
  if (err instanceof ChannelError && err.code === 'RATE_LIMITED') {
    const delaySeconds = Math.max(1, Math.ceil((err.retryAfterMs ?? 1000) / 1000));
    const notBefore = new Date(deps.clock.now().getTime() + delaySeconds * 1000);
    await finish(deps, messageId, { deliveryStatus: 'queued', deliveryNotBefore: notBefore }, 'sending', false);
    deps.logger.info('delivery rate limited, will retry', { messageId, delaySeconds });
    return { status: 'retry', delaySeconds };
  }
  if (err instanceof ChannelError && err.code === 'NETWORK') {
    const attempts = (typeof meta.networkAttempts === 'number' ? meta.networkAttempts : 0) + 1;
    if (attempts <= MAX_NETWORK_RETRIES) {
      const delaySeconds = 2 ** attempts;
      const notBefore = new Date(deps.clock.now().getTime() + delaySeconds * 1000);
      await finish(deps, messageId, { deliveryStatus: 'queued', deliveryNotBefore: notBefore, meta: { ...meta, networkAttempts: attempts } }, 'sending', false);
      return { status: 'retry', delaySeconds };
    }
  }
  const error = err instanceof Error ? err.message : String(err);
  await finish(deps, messageId, { deliveryStatus: 'failed', deliveryError: error }, 'sending');
  if (err instanceof ChannelError && err.code === 'AUTH' && /blocked/i.test(error)) {
    // The owner blocked the bot: remember it, so agents see why replies fail.
    await deps.db
      .update(contactIdentities)
      .set({ blocked: true })
      .where(and(eq(contactIdentities.contactId, contactId), eq(contactIdentities.channel, channelKind)));
  }
  if (!(err instanceof ChannelError)) deps.logger.error('delivery failed unexpectedly', { messageId, err });
  return { status: 'failed', error };
}

type MessagePatch = Partial<typeof messages.$inferInsert> | Record<string, unknown>;

/** Moves a message out of `from` and publishes message.updated (unless the change is invisible). */
async function finish(deps: ServiceDeps, messageId: string, patch: MessagePatch, from: 'queued' | 'sending', publish = true) {
  const published: StoredEvent[] = [];
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({ ...(patch as Partial<typeof messages.$inferInsert>), updatedAt: deps.clock.now() })
      .where(and(eq(messages.id, messageId), eq(messages.deliveryStatus, from)))
      .returning();
    if (!row || !publish) return;
    const [view] = await toMessageViews(tx, [row]);
    published.push(await recordEvent(tx, 'message.updated', { conversationId: row.conversationId, inboxId: row.inboxId }, { message: view }));
  });
  deps.bus.publish(published);
}

function readButtons(meta: Record<string, unknown>): { label: string; data: string }[][] | undefined {
  const b = meta.buttons;
  if (!Array.isArray(b)) return undefined;
  return b.filter(Array.isArray).map((row: unknown[]) =>
    row.flatMap((cell) => {
      if (cell && typeof cell === 'object' && 'label' in cell && 'data' in cell) {
        const { label, data } = cell as { label: unknown; data: unknown };
        if (typeof label === 'string' && typeof data === 'string') return [{ label, data }];
      }
      return [];
    }),
  );
}
