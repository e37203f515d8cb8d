/**
 * The automatic acknowledgement of a new email matter: one message in zh-CN and en (owners
 * write in either), naming the conversation's reference so that the owner can quote it on
 * the phone or at the desk, and saying plainly that it is automatic.
 */
export const EMAIL_ACK_KIND = 'email-ack';

export function emailAcknowledgementText(reference: string): string {
  return [
    `您好，我们已收到您的邮件，受理编号 ${reference}。客服代表会尽快回复您；如需补充，请直接回复本邮件。`,
    '（此邮件为系统自动回复。）',
    '',
    `Hello, we have received your email; its reference number is ${reference}. An agent will reply shortly; to add anything, simply reply to this email.`,
    '(This is an automatic reply.)',
  ].join('\n');
}

/** Whether a stored message's meta marks it as the acknowledgement (the sender marks it Auto-Submitted). */
export function isEmailAcknowledgement(meta: Readonly<Record<string, unknown>> | undefined): boolean {
  return meta?.kind === EMAIL_ACK_KIND;
}
