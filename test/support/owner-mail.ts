/**
 * Mail as an owner's client would write it (nodemailer's MIME composer), for delivering into
 * Dovecot in the email tests: new mail, answers that thread by In-Reply-To/References, and
 * answers built from what the SMTP sink received from us.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { SinkMessage } from './smtp-sink.js';

export interface OwnerMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  cc?: string;
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  date?: Date;
}

let counter = 0;

/** A Message-ID unique to this test run. */
export function ownerMessageId(domain = 'owner.example'): string {
  counter += 1;
  return `<t${Date.now().toString(36)}.${counter}.${Math.random().toString(36).slice(2, 8)}@${domain}>`;
}

export async function composeMail(mail: OwnerMail): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    headers: mail.headers,
    attachments: mail.attachments,
    date: mail.date ?? new Date(),
  });
  return composer.compile().build();
}

/** The owner's answer to a mail we sent, as a client would thread it ("Reply" pressed). */
export async function answerTo(sent: SinkMessage, from: string, text: string): Promise<{ raw: Buffer; messageId: string; to: string }> {
  const parsed = sent.parsed;
  const ourId = parsed.messageId;
  if (!ourId) throw new Error('the sent mail has no Message-ID');
  const refs = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : [parsed.references];
  const replyTo = parsed.replyTo?.value[0]?.address ?? parsed.from?.value[0]?.address;
  if (!replyTo) throw new Error('the sent mail names nobody to answer');
  const messageId = ownerMessageId();
  const quoted = (parsed.text ?? '')
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
  const raw = await composeMail({
    from,
    to: replyTo,
    subject: parsed.subject?.startsWith('Re:') ? parsed.subject : `Re: ${parsed.subject ?? ''}`,
    text: `${text}\n\n在 2026年11月20日 10:00, 物业客服中心 <${parsed.from?.value[0]?.address ?? ''}> 写道：\n${quoted}\n`,
    messageId,
    inReplyTo: ourId,
    references: [...refs, ourId],
  });
  return { raw, messageId, to: replyTo };
}
