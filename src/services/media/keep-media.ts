/**
 * Keeps an owner's files: downloads each attachment that still waits for its bytes (it has
 * the platform's `fileId`, no `storageKey`, no `skipped`), stores the bytes with the email
 * attachments' content-addressed blobs, and records the outcome on the attachment itself:
 * `storageKey`, or `skipped: 'too large' | 'expired' | 'failed'`. Each change publishes
 * `message.updated`, so an open thread shows the photo the moment it is kept.
 *
 * Runs at ingest (a job per message), not at view: platforms drop media (WeChat after three
 * days). Never twice: an attachment already settled is skipped before any download, and the
 * update that settles it applies only while it is still pending.
 */
import { and, eq, sql } from 'drizzle-orm';
import { messages } from '../../../db/schema/index.js';
import { storeBlobs } from '../email/blobs.js';
import type { ServiceDeps, StoredEvent } from '../ports.js';
import { recordEvent } from '../record-event.js';
import { toMessageViews } from '../views.js';
import type { MediaSource } from './media-source.js';
import { announcedTooLarge, decideAfterFailure, pendingMediaIndexes, type MediaSkipReason } from './pending-media.js';

export interface KeepMediaOptions {
  maxBytes: number;
  /** 0 for the first try; decides the backoff and when to give up. */
  attempt: number;
}

export type KeepMediaOutcome =
  | { status: 'done'; stored: number; skipped: number }
  | { status: 'retry'; delaySeconds: number }
  | { status: 'nothing'; reason: string };

export async function keepMessageMedia(deps: ServiceDeps, source: MediaSource, messageId: string, opts: KeepMediaOptions): Promise<KeepMediaOutcome> {
  const [row] = await deps.db
    .select({ inboxId: messages.inboxId, direction: messages.direction, attachments: messages.attachments })
    .from(messages)
    .where(eq(messages.id, messageId));
  if (!row) return { status: 'nothing', reason: 'message not found' };
  if (row.direction !== 'in') return { status: 'nothing', reason: 'not an owner’s message' };
  const pending = pendingMediaIndexes(row.attachments);
  if (pending.length === 0) return { status: 'nothing', reason: 'nothing pending' };

  let stored = 0;
  let skipped = 0;
  for (const index of pending) {
    const attachment = row.attachments[index]!;
    const skip = async (reason: MediaSkipReason) => {
      skipped += 1;
      await settle(deps, messageId, index, { skipped: reason });
    };
    if (announcedTooLarge(attachment, opts.maxBytes)) {
      await skip('too large');
      continue;
    }
    let media;
    try {
      media = await source.download(row.inboxId, attachment.fileId!, opts.maxBytes);
    } catch (err) {
      const decision = decideAfterFailure(err, opts.attempt);
      if (decision.action === 'retry') {
        deps.logger.info('media download failed, will retry', { messageId, index, attempt: opts.attempt, delaySeconds: decision.delaySeconds, err });
        return { status: 'retry', delaySeconds: decision.delaySeconds };
      }
      deps.logger.warn('media not kept', { messageId, index, reason: decision.reason, err });
      await skip(decision.reason);
      continue;
    }
    if (!media) {
      await skip('expired');
      continue;
    }
    // A channel that ignored the cap still does not get more than the cap stored.
    if (media.content.byteLength > opts.maxBytes) {
      await skip('too large');
      continue;
    }
    const [storageKey] = await deps.db.transaction((tx) => storeBlobs(tx, [media.content]));
    await settle(deps, messageId, index, {
      storageKey: storageKey!,
      mimeType: attachment.mimeType ?? media.mimeType,
      size: media.content.byteLength,
    });
    stored += 1;
  }
  return { status: 'done', stored, skipped };
}

/**
 * Writes the outcome into the one attachment, only while it is still pending (a second
 * worker's result is dropped), and publishes the updated message.
 */
async function settle(deps: ServiceDeps, messageId: string, index: number, patch: Record<string, string | number>): Promise<void> {
  const published: StoredEvent[] = [];
  await deps.db.transaction(async (tx) => {
    const element = sql`(${messages.attachments} -> ${index}::int)`;
    const [row] = await tx
      .update(messages)
      .set({
        attachments: sql`jsonb_set(${messages.attachments}, array[${String(index)}]::text[], ${element} || ${JSON.stringify(patch)}::jsonb)`,
        updatedAt: deps.clock.now(),
      })
      .where(and(eq(messages.id, messageId), sql`${element} is not null`, sql`${element} ->> 'storageKey' is null`, sql`${element} ->> 'skipped' is null`))
      .returning();
    if (!row) return;
    const [view] = await toMessageViews(tx, [row]);
    published.push(await recordEvent(tx, 'message.updated', { conversationId: row.conversationId, inboxId: row.inboxId }, { message: view }));
  });
  deps.bus.publish(published);
}
