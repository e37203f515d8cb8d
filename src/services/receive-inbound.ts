/**
 * The common path of every channel's intake (webhook or polling): ingest each normalized
 * item and apply the channel conventions that come with it, such as answering /start.
 */
import type { Inbound, InboundCallback, InboundMessage } from '../../channels/types.js';
import { ingestInbound, type IngestHooks, type IngestResult } from './ingest-inbound.js';
import type { ServiceDeps } from './ports.js';
import { hasPendingMedia } from './media/pending-media.js';
import { insertOutbound } from './post-message.js';
import { getWelcomeText } from './settings.js';
import { receiveSurveyCallback } from './tickets/index.js';
import { isBotCallback, runBotTurn, type BotTurn } from './bot/run-bot.js';
import { openConversationOf } from './conversations.js';

export async function receiveInbound(deps: ServiceDeps, items: Inbound[]): Promise<IngestResult[]> {
  const results: IngestResult[] = [];
  const toDeliver: string[] = [];
  const withMedia: string[] = [];
  const bot: BotTurn[] = [];
  for (const item of items) {
    if (item.kind === 'callback' && isBotCallback(item.data)) {
      // A tap on a bot choice, or a 服务号 menu click (Telegram's answerCallbackQuery is the caller's).
      const conversationId = await openConversationOf(deps, item.inboxId, item.threadKey);
      if (conversationId) {
        await runBotTurn(deps, { item, conversationId, messageId: null });
        results.push({ duplicate: false, conversationId, messageId: null, contactId: null, conversationCreated: false });
        continue;
      }
      // A first contact through the menu (a new follower taps 报修): the click is recorded as the
      // owner's first message, which opens the conversation; a redelivered click is a duplicate.
      const opened = await ingestInbound(deps, menuClickAsMessage(item));
      results.push(opened);
      if (opened.conversationId && !opened.duplicate) bot.push({ item, conversationId: opened.conversationId, messageId: null });
      continue;
    }
    if (item.kind === 'callback') {
      // Any other button press is the ticket survey's.
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
    if (item.kind === 'message' && result.messageId && result.conversationId && !result.duplicate) {
      bot.push({ item, conversationId: result.conversationId, messageId: result.messageId });
    }
    if (item.kind === 'message' && result.messageId && !result.duplicate && hasPendingMedia(item.attachments)) withMedia.push(result.messageId);
  }
  for (const id of toDeliver) await deps.jobs.enqueueDelivery(id);
  // The owner's words are committed; a failed bot turn must not fail the webhook (an agent answers instead).
  for (const turn of bot) {
    await runBotTurn(deps, turn).catch((err: unknown) => deps.logger.error('bot turn failed; the message waits for an agent', { conversationId: turn.conversationId, err }));
  }
  // The message is committed: a lost enqueue must not fail the webhook (the media sweep finds it).
  for (const id of withMedia) {
    await deps.jobs.enqueueMediaDownload?.(id).catch((err: unknown) => deps.logger.warn('media job not enqueued; the sweep will pick it up', { messageId: id, err }));
  }
  return results;
}

/** A menu click with no conversation yet, as the message that opens one. */
function menuClickAsMessage(item: InboundCallback): InboundMessage {
  return {
    kind: 'message',
    channel: item.channel,
    inboxId: item.inboxId,
    externalId: `click:${item.callbackId}`,
    threadKey: item.threadKey,
    author: item.author,
    text: `[菜单 menu] ${item.data.replace(/^bot:/, '')}`,
    contentType: 'text',
    attachments: [],
    meta: { menuClick: item.data },
    sentAt: item.at,
    raw: item,
  };
}
