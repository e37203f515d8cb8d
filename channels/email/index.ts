/**
 * The email channel of one mailbox: `send` puts an agent's reply on the wire over the
 * mailbox's SMTP with the headers that make it thread for the owner and back for us:
 * `Re:` subject, In-Reply-To/References from the thread, a Message-ID naming the conversation
 * (stored as the message's external id, so the owner's answer finds its way back), and a
 * plus-addressed Reply-To where the mailbox supports it. The automatic acknowledgement of a
 * new mail goes the same way, marked `Auto-Submitted: auto-replied`.
 */
import type { Channel, ChannelCapabilities, OutboundMessage, SendResult, SendTarget } from '../types.js';
import { ChannelError } from '../types.js';
import { isEmailAcknowledgement } from '../../src/domain/email-acknowledgement.js';
import { buildReferences, replySubject, textToHtml } from './compose.js';
import { mailboxConfigSchema, messageIdDomain, type MailboxConfig } from './config.js';
import type { EmailOutboundPort } from './port.js';
import { createSmtpTransport, sendSmtp, type SmtpTransport } from './smtp.js';
import { makeMessageId, makeReplyAddress } from './threading.js';

export const emailCapabilities: ChannelCapabilities = {
  threads: true,
  edit: false,
  attachments: true,
  attachmentsIn: true,
  attachmentsOut: true,
  html: true,
  buttons: false,
  maxTextLength: 100_000,
};

export interface EmailChannelOptions {
  inboxId: string;
  config: MailboxConfig;
  smtpPassword: string | null;
  outbound: EmailOutboundPort;
  /** Subject for a conversation that has none. */
  fallbackSubject?: string;
}

export interface EmailChannel extends Channel<MailboxConfig> {
  close(): void;
}

export function createEmailChannel(options: EmailChannelOptions): EmailChannel {
  const config = mailboxConfigSchema.parse(options.config);
  const transport: SmtpTransport = createSmtpTransport({ ...config.smtp, password: options.smtpPassword });
  const domain = messageIdDomain(config.from.address);

  async function send(target: SendTarget, message: OutboundMessage): Promise<SendResult> {
    if (!target.messageId) throw new ChannelError('email', 'INVALID', 'an email reply needs its stored message id');
    const context = await options.outbound.replyContext({
      inboxId: options.inboxId,
      conversationId: target.conversationId,
      messageId: target.messageId,
      wantReplyToken: config.plusAddressing,
    });
    if (!context || context.to.length === 0) throw new ChannelError('email', 'NOT_FOUND', 'the conversation has no email address to answer');

    // The same stored message always gets the same Message-ID, so even a resend after an
    // unknown outcome shows up as one mail in the owner's client.
    const messageId = makeMessageId(target.conversationId, target.messageId, domain);
    const references = buildReferences(context.references, context.inReplyTo);
    await sendSmtp(transport, {
      from: { name: context.senderName || config.from.name, address: config.from.address },
      to: context.to,
      replyTo: context.replyToken ? makeReplyAddress(config.from.address, context.replyToken) : undefined,
      subject: replySubject(context.subject, options.fallbackSubject ?? (config.from.name || config.from.address)),
      messageId,
      inReplyTo: context.inReplyTo,
      references: references.length > 0 ? references : undefined,
      text: message.text,
      html: textToHtml(message.text),
      // The agent's files, read back from storage by the delivery (as for every channel that sends files).
      attachments: (message.attachments ?? []).map((a) => ({ filename: a.fileName, contentType: a.mimeType, content: Buffer.from(a.content) })),
      headers: {
        // For whoever reads the raw mail on the server side.
        'X-Huixin-Conversation': target.conversationId,
        // RFC 3834: our acknowledgement is automatic, so other robots (vacation replies, other
        // helpdesks) must not answer it; Exchange reads its own header for the same.
        ...(isEmailAcknowledgement(message.meta) ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {}),
      },
    });
    return { externalIds: [messageId] };
  }

  return {
    kind: 'email',
    configSchema: mailboxConfigSchema,
    capabilities: emailCapabilities,
    send,
    close: () => transport.close(),
  };
}
