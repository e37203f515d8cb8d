/**
 * ParsedEmail → InboundMessage. Pure and deterministic: the same mail always yields the same
 * message (same externalId, so a second delivery is a no-op downstream).
 */
import type { Attachment, InboundMessage } from '../types.js';
import type { ParsedAttachment, ParsedEmail } from './parse.js';
import { trimReplyDetailed } from './trim-reply.js';

/** For mail without a Message-ID: derived from the raw bytes, so redelivery dedupes. */
export function syntheticMessageId(sourceHash: string): string {
  return `<missing.${sourceHash.slice(0, 32)}@huixin.invalid>`;
}

function toAttachment(a: ParsedAttachment): Attachment {
  return {
    kind: a.mimeType.startsWith('image/') ? 'image' : 'file',
    fileId: a.contentId,
    fileName: a.fileName,
    mimeType: a.mimeType,
    size: a.size,
    ...(a.skipped ? { skipped: a.skipped } : {}),
  };
}

function displayName(parsed: ParsedEmail): string {
  const from = parsed.from;
  if (!from) return '';
  return from.name !== '' ? from.name : (from.address.split('@')[0] ?? from.address);
}

export interface NormalizeEmailOptions {
  /** When the mail has no usable date (IMAP INTERNALDATE, say); never the clock. */
  receivedAt?: Date;
}

export function normalizeEmail(parsed: ParsedEmail, inboxId: string, opts: NormalizeEmailOptions = {}): InboundMessage {
  const externalId = parsed.messageId ?? syntheticMessageId(parsed.sourceHash);
  // The thread root when the references name it; a mail that only has In-Reply-To is still
  // grouped with its parent rather than alone. threading.ts makes the actual decision.
  const threadKey = parsed.references[0] ?? parsed.inReplyTo ?? externalId;
  const address = parsed.from?.address.toLowerCase() ?? '';
  // Trimmed once per mail, here; `meta.trimmed` carries the outcome to intake.
  const trim = trimReplyDetailed(parsed.text);

  return {
    kind: 'message',
    channel: 'email',
    inboxId,
    externalId,
    threadKey,
    ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
    references: parsed.references,
    author: {
      externalId: address,
      name: displayName(parsed),
      ...(address ? { email: address } : {}),
    },
    subject: parsed.subject,
    text: trim.text,
    ...(parsed.html !== undefined ? { html: parsed.html } : {}),
    contentType: 'email',
    attachments: parsed.attachments.map(toAttachment),
    meta: {
      fullText: parsed.text,
      trimmed: trim.trimmed,
      // Which text parts were not in the charset they were labelled with (the raw bytes are kept by intake).
      ...(parsed.charsetFallbacks.length > 0
        ? { charsetFallbacks: parsed.charsetFallbacks.map((f) => ({ mimeType: f.mimeType, declared: f.declared, used: f.used })) }
        : {}),
    },
    sentAt: parsed.date ?? opts.receivedAt ?? new Date(0),
    // Small and serializable: the raw source is kept by the caller if at all.
    raw: {
      sourceHash: parsed.sourceHash,
      size: parsed.size,
      messageId: parsed.messageId ?? null,
      to: parsed.to.map((a) => a.address),
      cc: parsed.cc.map((a) => a.address),
      deliveredTo: parsed.deliveredTo,
    },
  };
}

