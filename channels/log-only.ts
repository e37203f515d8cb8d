/**
 * Kinds that record contact made off-line (a phone call, a walk-in visit) so that every
 * complaint is on record. Nothing arrives by itself and nothing is sent: agents log these
 * conversations (src/services/workspace/log-contact.ts) and everything they write there is a note.
 */
import { z } from 'zod';
import { defineChannel, type ChannelDefinition, type ChannelLabel } from './definition.js';
import { ChannelError, type ChannelCapabilities } from './types.js';

const logOnlyConfigSchema = z.object({});
type LogOnlyConfig = z.infer<typeof logOnlyConfigSchema>;

export const logOnlyCapabilities: ChannelCapabilities = {
  threads: false,
  edit: false,
  attachments: false,
  attachmentsIn: false,
  attachmentsOut: false,
  html: false,
  buttons: false,
  maxTextLength: 20_000,
  logOnly: true,
};

export function defineLogOnlyChannel(kind: string, label: ChannelLabel): ChannelDefinition<LogOnlyConfig> {
  return defineChannel<LogOnlyConfig>({
    kind,
    label,
    configSchema: logOnlyConfigSchema,
    secretFields: [],
    capabilities: logOnlyCapabilities,
    // One desk inbox per kind (see ensureInbox in log-contact.ts).
    accountKey: () => 'desk',
    creatable: false,
    create: () => ({
      kind,
      configSchema: logOnlyConfigSchema,
      capabilities: logOnlyCapabilities,
      send: () => Promise.reject(new ChannelError(kind, 'UNSUPPORTED', `${kind} conversations are a log; nothing is sent`)),
    }),
  });
}
