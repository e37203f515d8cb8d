/**
 * Email intake: one raw message from a mailbox watcher → parsed, classified, threaded and
 * stored through ingestInbound. Auto-replies and bulk mail are dropped (never a conversation,
 * never answered), a bounce fails the reply it returns, our own mail is ignored.
 *
 * Threading (channels/email/threading.ts decides, this gathers its inputs): the Message-IDs
 * in In-Reply-To/References are looked up among stored and generated ids, the reply+<token>@
 * address among reply tokens; the decision and its reason go on the message (`meta.threading`)
 * so the thread can show why each mail was placed where it was.
 *
 * The first mail of a new matter gets an automatic acknowledgement with the conversation's
 * reference number (./acknowledge.ts), queued in the same transaction as the mail.
 */
import { eq } from 'drizzle-orm';
import { conversations } from '../../../db/schema/index.js';
import { classifyEmail } from '../../../channels/email/auto-reply.js';
import { normalizeEmail } from '../../../channels/email/normalize.js';
import { parseEmail, type ParsedEmail } from '../../../channels/email/parse.js';
import { decideThread, makeReplyAddress, parseOwnMessageId, parseReplyToken, type ThreadDecision } from '../../../channels/email/threading.js';
import { ingestInbound } from '../ingest-inbound.js';
import type { ServiceDeps, StoredEvent } from '../ports.js';
import { recordEvent } from '../record-event.js';
import { loadConversationView } from '../views.js';
import { planAcknowledgement, queueAcknowledgement } from './acknowledge.js';
import { blobKey, storeBlobs } from './blobs.js';
import { failBouncedReply, type BounceOutcome } from './bounce.js';
import { conversationForToken, knownMessages, type EmailMeta } from './thread-lookup.js';

export interface EmailInboxInfo {
  inboxId: string;
  /** The mailbox's own address (lower case). */
  address: string;
  maxAttachmentBytes: number;
  /** Acknowledge the first mail of a new conversation (the mailbox's `acknowledge`); off when unset. */
  acknowledge?: boolean;
}

export type EmailIntakeOutcome =
  | { kind: 'stored'; conversationId: string; messageId: string; conversationCreated: boolean; threading: ThreadDecision; acknowledgementId: string | null }
  | { kind: 'duplicate' }
  | { kind: 'dropped'; reason: 'auto_reply' | 'bulk' | 'own' | 'no_sender' }
  | ({ kind: 'bounce' } & BounceOutcome);

const lower = (list: { address: string }[]): string[] => list.map((a) => a.address.toLowerCase());

/** The token of a reply+<token>@ address the mail was sent or delivered to, if it is ours. */
function replyTokenOf(parsed: ParsedEmail, own: string): string | undefined {
  for (const address of [...parsed.deliveredTo, ...lower(parsed.to), ...lower(parsed.cc)]) {
    const token = parseReplyToken(address);
    if (token && makeReplyAddress(own, token).toLowerCase() === address.toLowerCase()) return token.toLowerCase();
  }
  return undefined;
}

function isOwnMail(parsed: ParsedEmail, own: string): boolean {
  if (parsed.messageId && parseOwnMessageId(parsed.messageId)) return true;
  return parsed.from?.address.toLowerCase() === own;
}

export async function receiveEmail(
  deps: ServiceDeps,
  inbox: EmailInboxInfo,
  source: Buffer,
  info: { internalDate?: Date } = {},
): Promise<EmailIntakeOutcome> {
  const own = inbox.address.toLowerCase();
  const parsed = await parseEmail(source, { inboxId: inbox.inboxId, maxAttachmentBytes: inbox.maxAttachmentBytes });
  // Our own replies (a Sent copy, an "All Mail" folder, a loop) are not the owner writing.
  if (isOwnMail(parsed, own)) return { kind: 'dropped', reason: 'own' };

  const kind = classifyEmail(parsed.headers, parsed);
  if (kind === 'bounce') {
    const result = await failBouncedReply(deps, inbox.inboxId, parsed);
    return { kind: 'bounce', ...result };
  }
  if (kind === 'auto_reply' || kind === 'bulk') {
    deps.logger.info('automatic mail ignored', { inboxId: inbox.inboxId, kind, messageId: parsed.messageId });
    return { kind: 'dropped', reason: kind };
  }

  const message = normalizeEmail(parsed, inbox.inboxId, { receivedAt: info.internalDate ?? deps.clock.now() });
  if (!message.author.externalId) return { kind: 'dropped', reason: 'no_sender' };

  const ids = [...new Set([...(message.inReplyTo ? [message.inReplyTo] : []), ...(message.references ?? [])])];
  const replyToken = replyTokenOf(parsed, own);
  const decision = decideThread({
    messageId: message.externalId,
    inReplyTo: message.inReplyTo,
    references: message.references ?? [],
    sender: message.author.externalId,
    known: await knownMessages(deps.db, inbox.inboxId, ids, own),
    replyToken,
    tokenConversation: replyToken ? await conversationForToken(deps.db, inbox.inboxId, replyToken, own) : undefined,
  });

  // Attachment bytes go into the same transaction as the message (so a duplicate stores nothing).
  const contents: Uint8Array[] = [];
  message.attachments = message.attachments.map((a, i) => {
    const content = parsed.attachments[i]?.content;
    if (!content) return a;
    contents.push(content);
    return { ...a, storageKey: blobKey(content).storageKey };
  });

  const email: EmailMeta = {
    messageId: message.externalId,
    inReplyTo: message.inReplyTo,
    references: message.references ?? [],
    from: message.author.externalId,
    to: lower(parsed.to),
    cc: lower(parsed.cc),
    replyTo: lower(parsed.replyTo),
    subject: parsed.subject,
  };
  // The raw bytes of a part decoded in another charset than its label said, so the
  // original can still be read (and decoded differently) later.
  const charsetFallbacks = parsed.charsetFallbacks.map((f) => {
    contents.push(f.raw);
    return { mimeType: f.mimeType, declared: f.declared, used: f.used, rawStorageKey: blobKey(f.raw).storageKey };
  });
  message.meta = { ...message.meta, ...(charsetFallbacks.length > 0 ? { charsetFallbacks } : {}), email, threading: decision };
  if (message.subject === '') message.subject = undefined;
  const ack = await planAcknowledgement(deps.db, { enabled: inbox.acknowledge === true, decision, parsed, messageId: message.externalId });
  if (!ack.acknowledge && decision.action === 'open' && ack.reason !== 'switched-off') {
    deps.logger.info('new mail not acknowledged', { inboxId: inbox.inboxId, messageId: message.externalId, reason: ack.reason });
  }
  // A new matter is its own thread root, whatever its headers pointed at.
  if (decision.action === 'open') message.threadKey = message.externalId;
  // Set inside the transaction; delivered only once it has committed.
  const queuedAck: { id: string | null } = { id: null };

  const result = await ingestInbound(
    deps,
    message,
    decision.action === 'join' ? { mode: 'join', conversationId: decision.conversationId } : { mode: 'new' },
    {
      async afterMessage(tx, ctx) {
        await storeBlobs(tx, contents);
        if (decision.action !== 'join') {
          if (!ack.acknowledge) return [];
          const queued = await queueAcknowledgement(tx, deps, { inboxId: inbox.inboxId, conversationId: ctx.conversationId, threadRoot: ack.threadRoot });
          queuedAck.id = queued?.messageId ?? null;
          return queued?.events ?? [];
        }
        // An owner answering a resolved matter reopens it (email has no per-chat open key).
        const [conv] = await tx
          .select({ status: conversations.status, inboxId: conversations.inboxId })
          .from(conversations)
          .where(eq(conversations.id, ctx.conversationId));
        if (!conv || conv.status !== 'resolved') return [];
        await tx.update(conversations).set({ status: 'open', updatedAt: deps.clock.now() }).where(eq(conversations.id, ctx.conversationId));
        const events: StoredEvent[] = [
          await recordEvent(tx, 'conversation.updated', { conversationId: ctx.conversationId, inboxId: conv.inboxId }, {
            conversation: await loadConversationView(tx, ctx.conversationId),
          }),
        ];
        return events;
      },
    },
  );
  if (result.duplicate || !result.conversationId || !result.messageId) return { kind: 'duplicate' };
  // Committed: a lost enqueue leaves the acknowledgement queued for the delivery sweep.
  const acknowledgementId = queuedAck.id;
  if (acknowledgementId) {
    await deps.jobs
      .enqueueDelivery(acknowledgementId)
      .catch((err: unknown) => deps.logger.warn('acknowledgement not enqueued; the delivery sweep will send it', { messageId: acknowledgementId, err }));
  }
  return {
    kind: 'stored',
    conversationId: result.conversationId,
    messageId: result.messageId,
    conversationCreated: result.conversationCreated,
    threading: decision,
    acknowledgementId,
  };
}
