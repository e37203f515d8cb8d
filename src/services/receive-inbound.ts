/**
 * The common path of every channel's intake (webhook or polling): ingest each normalized
 * item and apply the channel conventions that come with it, such as answering /start.
 */
import type { Inbound } from '../../channels/types.js';
import { ingestInbound, type IngestHooks, type IngestResult } from './ingest-inbound.js';
import type { ServiceDeps } from './ports.js';
import { hasPendingMedia } from './media/pending-media.js';
import { insertOutbound } from './post-message.js';
import { getWelcomeText } from './settings.js';
import { receiveSurveyCallback } from './tickets/index.js';

export async function receiveInbound(deps: ServiceDeps, items: Inbound[]): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const toDeliver: string[] = [];
  const withMedia: string[] = [];
  for (const item of items) {
    if (item.kind === 'callback') {
      // A button press: today only the ticket survey uses buttons (Telegram's answerCallbackQuery is the caller's).
      const answered = await receiveSurveyCallback(deps, item);
      results.push({ duplicate: answered.outcome === 'already_answered', conversationId: answered.conversationId, messageId: null, contactId: null, conversationCreated: false });
      continue;
    }
    // Only /start needs a hook (its welcome is queued in the same transaction as the message,
    // so a redelivered /start is a duplicate and is not welcomed twice); without one the
    // message can take ingest's one-statement path.
    const hooks: IngestHooks =
      item.kind === 'message' && item.command === 'start'
        ? {
            async afterMessage(tx, ctx) {
              const welcome = await insertOutbound(tx, deps, {
                conversationId: ctx.conversationId,
                senderType: 'bot',
                senderId: null,
                content: await getWelcomeText(tx),
                meta: { kind: 'welcome' },
              });
              if (!welcome) return [];
              toDeliver.push(welcome.message.id);
              return welcome.events;
            },
          }
        : {};
    const result = await ingestInbound(deps, item, { mode: 'thread' }, hooks);
    results.push(result);
    if (item.kind === 'message' && result.messageId && !result.duplicate && hasPendingMedia(item.attachments)) withMedia.push(result.messageId);
  }
  for (const id of toDeliver) await deps.jobs.enqueueDelivery(id);
  // The message is committed: a lost enqueue must not fail the webhook (the media sweep finds it).
  for (const id of withMedia) {
    await deps.jobs.enqueueMediaDownload?.(id).catch((err: unknown) => deps.logger.warn('media job not enqueued; the sweep will pick it up', { messageId: id, err }));
  }
  return results;
}
