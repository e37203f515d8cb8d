/**
 * Outgoing mail of Huixin itself (forum address verification, password resets, reply
 * notifications), as opposed to the email channel's conversations. Services never send
 * inline: they hand mail to a durable job (MailQueue), whose worker calls a Mailer.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers such as List-Unsubscribe. */
  headers?: Record<string, string>;
}

/** Puts mail on the wire (SMTP in Node: src/jobs/smtp-mailer.ts). */
export interface Mailer {
  send(mail: MailMessage): Promise<void>;
}

/** Durable hand-off: the mail is sent by a job worker, retried on failure. */
export interface MailQueue {
  enqueueMail(mail: MailMessage): Promise<void>;
}
