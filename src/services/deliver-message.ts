/**
 * Sends one queued outbound message through its channel, at most once, in its conversation's
 * order and within the channel's send limits.
 *
 * - Order: a reply is claimed (queued → sending) only while no earlier reply of the same
 *   conversation is still queued or sending; the claim and that check are one statement, so
 *   two workers can never overtake each other within a conversation. `failed` and `unknown`
 *   are final for the queue: later replies go on, and a resend goes out after them.
 * - Limits: the channel's `capabilities.sendLimits`; per conversation measured from the end
 *   of its previous send (read from the database, so it holds across instances), per inbox
 *   through the worker's SendGate. A 429 puts the message back in the queue, it never fails it.
 * - At most once: a row found still `sending` long after its claim means an attempt died
 *   mid-send. Whether the channel got it cannot be known, so it becomes `unknown` ("may have
 *   been sent — confirm or resend") and is never resent automatically. A send that outlives
 *   the send timeout becomes `unknown` the same way; should it still succeed later, it is
 *   recorded as sent. Split messages record each part as it goes out, so a resend resumes
 *   after the last one.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { contactIdentities, conversations, messages } from '../../db/schema/index.js';
import { ChannelError, type Attachment, type Channel, type ChannelCapabilities } from '../../channels/types.js';
import { loadBlobs } from './email/blobs.js';
import { conversationWaitMs } from '../domain/delivery/send-pacer.js';
import type { ServiceDeps, StoredEvent } from './ports.js';
import { recordEvent } from './record-event.js';
import { toMessageViews } from './views.js';

export interface ChannelRegistry {
  /** The channel that delivers for an inbox, or null when that channel is not configured here. */
  forInbox(inboxId: string): Channel | null;
}

export type SendLimits = NonNullable<ChannelCapabilities['sendLimits']>;

/** The worker's side of the per-inbox limit (a token bucket in the process that sends). */
export interface SendGate {
  /** Takes a send slot for the inbox, waiting for it when it is near; otherwise says when to come back. */
  acquire(inboxId: string, perSecond: number | undefined): Promise<{ ok: true } | { ok: false; retryAfterMs: number }>;
  /** The platform said "too many requests": nothing more for this inbox before `ms` from now. */
  holdBack(inboxId: string, ms: number): void;
  /** A short pause (the rest of a conversation's interval); longer ones go back to the queue. */
  pause(ms: number): Promise<void>;
  /** Longest pause worth holding a worker for. */
  maxPauseMs: number;
}

export interface DeliveryTuning {
  gate: SendGate;
  /** A send that has not answered by then is recorded as `unknown`. */
  sendTimeoutMs: number;
}

/** No limits, no timeout: what a direct call (tests, tools) gets; a row found `sending` then counts as interrupted. */
const UNLIMITED: DeliveryTuning = {
  gate: { acquire: async () => ({ ok: true }), holdBack: () => {}, pause: async () => {}, maxPauseMs: 0 },
  sendTimeoutMs: 0,
};

export type DeliveryOutcome =
  | { status: 'sent'; externalIds: string[] }
  | { status: 'failed'; error: string }
  | { status: 'unknown'; reason: string }
  | { status: 'retry'; delaySeconds: number }
  /** An earlier reply of the conversation is still on its way; the worker sends this one after it. */
  | { status: 'waiting' }
  | { status: 'skipped'; reason: string };

const MAX_NETWORK_RETRIES = 5;
/** Statuses that hold later replies of the same conversation back. */
const IN_FLIGHT = ['queued', 'sending'] as const;

/** A `sending` row older than this (since its claim or last part) belongs to an attempt that died. */
export function staleSendingAfterMs(sendTimeoutMs: number): number {
  return Math.max(sendTimeoutMs, 1000) + 5000;
}

export async function deliverMessage(
  deps: ServiceDeps,
  channels: ChannelRegistry,
  messageId: string,
  tuning: DeliveryTuning = UNLIMITED,
): Promise<DeliveryOutcome> {
  const [current] = await deps.db.select().from(messages).where(eq(messages.id, messageId));
  if (!current) return { status: 'skipped', reason: 'message not found' };
  if (current.direction !== 'out' || current.private) return { status: 'skipped', reason: 'not an outbound message' };
  if (current.deliveryStatus === 'sending') {
    const age = deps.clock.now().getTime() - current.updatedAt.getTime();
    // A fresh claim is another worker's send in progress, not a dead one.
    if (tuning.sendTimeoutMs > 0 && age < staleSendingAfterMs(tuning.sendTimeoutMs)) return { status: 'skipped', reason: 'being sent by another worker' };
    const reason = interruptedReason(current.deliveryPartsDone);
    await finish(deps, messageId, { deliveryStatus: 'unknown', deliveryError: reason }, ['sending']);
    return { status: 'unknown', reason };
  }
  if (current.deliveryStatus !== 'queued') return { status: 'skipped', reason: `already ${current.deliveryStatus}` };
  const notBeforeMs = (current.deliveryNotBefore?.getTime() ?? 0) - deps.clock.now().getTime();
  if (notBeforeMs > 0) return { status: 'retry', delaySeconds: notBeforeMs / 1000 };

  const channel = channels.forInbox(current.inboxId);
  if (!channel) {
    const error = 'channel not configured on this server';
    await finish(deps, messageId, { deliveryStatus: 'failed', deliveryError: error }, ['queued']);
    return { status: 'failed', error };
  }
  const [target] = await deps.db
    .select({ threadKey: conversations.threadKey, contactId: conversations.contactId, channel: conversations.channel })
    .from(conversations)
    .where(eq(conversations.id, current.conversationId));
  if (!target) return { status: 'skipped', reason: 'conversation not found' };

  const limits: SendLimits = channel.capabilities.sendLimits ?? {};
  const order = await conversationOrder(deps, messageId, current.conversationId);
  if (order.earlierInFlight) return { status: 'waiting' };
  const convWait = conversationWaitMs(order.lastFinishedAtMs, limits.perConversationPerSecond, deps.clock.now().getTime());
  if (convWait > tuning.gate.maxPauseMs) return { status: 'retry', delaySeconds: convWait / 1000 };
  if (convWait > 0) await tuning.gate.pause(convWait);
  const slot = await tuning.gate.acquire(current.inboxId, limits.perSecond);
  if (!slot.ok) return { status: 'retry', delaySeconds: slot.retryAfterMs / 1000 };

  if (!(await claim(deps, messageId, current.conversationId))) {
    const [now] = await deps.db.select({ status: messages.deliveryStatus }).from(messages).where(eq(messages.id, messageId));
    return now?.status === 'queued' ? { status: 'waiting' } : { status: 'skipped', reason: 'claimed by another worker' };
  }

  // Only a long reply is split; pacing its parts keeps even those within the per-chat limit.
  const mayHaveParts = current.content.length > channel.capabilities.maxTextLength;
  const progress = {
    onPartSent: async (partIndex: number, externalId: string) => {
      await deps.db
        .update(messages)
        .set({
          deliveryPartsDone: partIndex + 1,
          deliveryExternalIds: sql`${messages.deliveryExternalIds} || ${JSON.stringify([externalId])}::jsonb`,
          // Progress keeps the claim fresh, so a long split send is not taken for a dead one.
          updatedAt: deps.clock.now(),
        })
        .where(eq(messages.id, messageId));
      if (mayHaveParts && limits.perConversationPerSecond) await tuning.gate.pause(Math.ceil(1000 / limits.perConversationPerSecond));
      if (mayHaveParts) await tuning.gate.acquire(current.inboxId, limits.perSecond);
    },
  };
  const sending = channel.send(
    {
      inboxId: current.inboxId,
      conversationId: current.conversationId,
      address: target.threadKey,
      threadKey: target.threadKey,
      partsDone: current.deliveryPartsDone,
      messageId,
    },
    {
      text: current.content,
      html: current.html ?? undefined,
      buttons: readButtons(current.meta),
      meta: current.meta,
      attachments: await storedFiles(deps, channel.capabilities, current.attachments),
    },
    progress,
  );
  try {
    const result = await withTimeout(sending, tuning.sendTimeoutMs);
    if (result === TIMED_OUT) {
      const reason = `no answer from ${channel.kind} within ${Math.round(tuning.sendTimeoutMs / 1000)} s; it may have been sent`;
      await finish(deps, messageId, { deliveryStatus: 'unknown', deliveryError: reason }, ['sending']);
      // Should the send still succeed, that is the answer to the question we left open.
      sending.then((late) => recordSent(deps, messageId, late.externalIds, ['unknown'])).catch(() => {});
      return { status: 'unknown', reason };
    }
    const externalIds = await recordSent(deps, messageId, result.externalIds, ['sending']);
    return { status: 'sent', externalIds };
  } catch (err) {
    return handleSendError(deps, tuning.gate, current, err, target.contactId, target.channel);
  }
}

export function interruptedReason(partsDone: number): string {
  return partsDone > 0
    ? `delivery interrupted after ${partsDone} part(s); the next part may have been sent`
    : 'delivery interrupted; it may have been sent';
}

/** Whether an earlier reply of the conversation is in flight, and when its last finished one ended. */
async function conversationOrder(deps: ServiceDeps, messageId: string, conversationId: string) {
  const [row] = await deps.db
    .select({
      earlierInFlight: sql<boolean>`exists (select 1 from messages e where ${earlierInFlightSql(conversationId, messageId)})`,
      lastFinishedAtMs: sql<number | null>`(select (extract(epoch from max(d.updated_at)) * 1000)::float8 from messages d
        where d.conversation_id = ${conversationId} and d.direction = 'out' and d.id <> ${messageId}
          and d.delivery_status in ('sent', 'failed', 'unknown'))`,
    })
    .from(messages)
    .where(eq(messages.id, messageId));
  return { earlierInFlight: row?.earlierInFlight === true, lastFinishedAtMs: row?.lastFinishedAtMs == null ? null : Number(row.lastFinishedAtMs) };
}

function earlierInFlightSql(conversationId: string, messageId: string) {
  return sql`e.conversation_id = ${conversationId} and e.direction = 'out' and e.private = false
    and e.delivery_status in ('queued', 'sending')
    and (e.created_at, e.id) < (select m.created_at, m.id from messages m where m.id = ${messageId})`;
}

/** queued → sending, only while nothing earlier in the conversation is in flight (one statement). */
async function claim(deps: ServiceDeps, messageId: string, conversationId: string): Promise<boolean> {
  const claimed = await deps.db
    .update(messages)
    .set({ deliveryStatus: 'sending', updatedAt: deps.clock.now() })
    .where(
      and(
        eq(messages.id, messageId),
        eq(messages.deliveryStatus, 'queued'),
        sql`not exists (select 1 from messages e where ${earlierInFlightSql(conversationId, messageId)})`,
      ),
    )
    .returning({ id: messages.id });
  return claimed.length > 0;
}

/** The earliest reply still queued in this message's conversation, when nothing is in flight before it. */
export async function nextQueuedAfter(deps: ServiceDeps, messageId: string): Promise<string | null> {
  const [next] = await deps.db
    .select({ id: messages.id, status: messages.deliveryStatus })
    .from(messages)
    .where(
      and(
        sql`${messages.conversationId} = (select m.conversation_id from messages m where m.id = ${messageId})`,
        eq(messages.direction, 'out'),
        eq(messages.private, false),
        inArray(messages.deliveryStatus, [...IN_FLIGHT]),
      ),
    )
    .orderBy(messages.createdAt, messages.id)
    .limit(1);
  return next?.status === 'queued' ? next.id : null;
}

async function recordSent(deps: ServiceDeps, messageId: string, resultIds: string[], from: Status[]): Promise<string[]> {
  const [after] = await deps.db.select({ ids: messages.deliveryExternalIds }).from(messages).where(eq(messages.id, messageId));
  const externalIds = after?.ids.length ? after.ids : resultIds;
  await finish(deps, messageId, { deliveryStatus: 'sent', deliveryError: null, deliveryExternalIds: externalIds, externalId: externalIds[0] ?? null }, from);
  return externalIds;
}

async function handleSendError(
  deps: ServiceDeps,
  gate: SendGate,
  current: typeof messages.$inferSelect,
  err: unknown,
  contactId: string,
  channelKind: string,
): Promise<DeliveryOutcome> {
  const messageId = current.id;
  const meta = current.meta;
  if (err instanceof ChannelError && err.code === 'RATE_LIMITED') {
    const delayMs = Math.max(1000, err.retryAfterMs ?? 1000);
    gate.holdBack(current.inboxId, delayMs);
    const notBefore = new Date(deps.clock.now().getTime() + delayMs);
    await finish(deps, messageId, { deliveryStatus: 'queued', deliveryNotBefore: notBefore }, ['sending'], false);
    deps.logger.info('delivery rate limited, will retry', { messageId, delayMs });
    return { status: 'retry', delaySeconds: delayMs / 1000 };
  }
  if (err instanceof ChannelError && err.outcomeUnknown) {
    // Sending again could duplicate the reply: the agent confirms or resends it.
    const reason = `${err.message}; it may have been sent`;
    await finish(deps, messageId, { deliveryStatus: 'unknown', deliveryError: reason }, ['sending']);
    return { status: 'unknown', reason };
  }
  if (err instanceof ChannelError && err.code === 'NETWORK') {
    const attempts = (typeof meta.networkAttempts === 'number' ? meta.networkAttempts : 0) + 1;
    if (attempts <= MAX_NETWORK_RETRIES) {
      const delaySeconds = 2 ** attempts;
      const notBefore = new Date(deps.clock.now().getTime() + delaySeconds * 1000);
      await finish(deps, messageId, { deliveryStatus: 'queued', deliveryNotBefore: notBefore, meta: { ...meta, networkAttempts: attempts } }, ['sending'], false);
      return { status: 'retry', delaySeconds };
    }
  }
  const error = err instanceof Error ? err.message : String(err);
  await finish(deps, messageId, { deliveryStatus: 'failed', deliveryError: error }, ['sending']);
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

type Status = NonNullable<(typeof messages.$inferSelect)['deliveryStatus']>;
type MessagePatch = Partial<typeof messages.$inferInsert>;

/** Moves a message out of one of `from` and publishes message.updated (unless the change is invisible). */
export async function finish(deps: ServiceDeps, messageId: string, patch: MessagePatch, from: Status[], publish = true): Promise<boolean> {
  const published: StoredEvent[] = [];
  const moved = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(messages)
      .set({ ...patch, updatedAt: deps.clock.now() })
      .where(and(eq(messages.id, messageId), inArray(messages.deliveryStatus, from)))
      .returning();
    if (!row) return false;
    if (!publish) return true;
    const [view] = await toMessageViews(tx, [row]);
    published.push(await recordEvent(tx, 'message.updated', { conversationId: row.conversationId, inboxId: row.inboxId }, { message: view }));
    return true;
  });
  deps.bus.publish(published);
  return moved;
}

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  if (ms <= 0) return p;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
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

/** The agent's files, read back from storage for a channel that sends files (email, WeChat, WeCom). */
async function storedFiles(
  deps: ServiceDeps,
  capabilities: ChannelCapabilities,
  attachments: Attachment[] | null,
): Promise<{ fileName: string; mimeType: string; content: Uint8Array }[] | undefined> {
  if (!capabilities.attachmentsOut) return undefined;
  const stored = (attachments ?? []).filter((a): a is Attachment & { storageKey: string } => typeof a.storageKey === 'string');
  if (stored.length === 0) return undefined;
  const blobs = await loadBlobs(deps.db, stored.map((a) => a.storageKey));
  return stored.map((a) => {
    const content = blobs.get(a.storageKey);
    if (!content) throw new ChannelError('huixin', 'NOT_FOUND', `the attached file ${a.fileName ?? a.storageKey} is no longer stored`);
    return { fileName: a.fileName ?? 'file', mimeType: a.mimeType ?? 'application/octet-stream', content };
  });
}
