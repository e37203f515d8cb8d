/**
 * What the email channel's `send` needs from stored data. Channels never touch the database:
 * src/server.ts wires this port to src/services/email/outbound-context.ts.
 */

export interface MailAddress {
  name: string;
  address: string;
}

export interface EmailReplyContext {
  /** The owner (the Reply-To or From of their latest mail). */
  to: MailAddress[];
  /** The conversation's subject; the channel adds `Re:`. */
  subject: string | null;
  /** The Message-ID of the mail we answer, and the References chain to send. */
  inReplyTo?: string;
  references: string[];
  /** The agent's display name (the mailbox's From name for bots and the system). */
  senderName: string;
  /** The conversation's `reply+<token>@` token, when one was asked for. */
  replyToken: string | null;
}

export interface EmailOutboundPort {
  /** Null when the conversation has no address to answer (nothing to send to). */
  replyContext(input: { inboxId: string; conversationId: string; messageId: string; wantReplyToken: boolean }): Promise<EmailReplyContext | null>;
}
