/** Why an inbox change was refused; routes map the code to an HTTP status once. */
export type InboxErrorCode = 'invalid' | 'conflict' | 'managed_elsewhere' | 'unknown_kind';

export class InboxError extends Error {
  constructor(
    readonly code: InboxErrorCode,
    message: string,
    /** Field errors of the channel's config schema (`config.botToken: …`). */
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'InboxError';
  }
}
