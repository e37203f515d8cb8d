/**
 * The one list of channel kinds. Everything that needs to know which channels exist (the
 * API's enums, the inbox runtime, the webhook route, the UI's filters through GET
 * /api/channels) asks here; nothing else in the code names a kind.
 *
 * Adding a channel: a folder channels/<kind>/ exporting its definition, and one line below.
 */
import type { AnyChannelDefinition, ChannelDefinition } from './definition.js';
import { emailDefinition } from './email/definition.js';
import { forumDefinition } from './forum/definition.js';
import { phoneDefinition } from './phone/definition.js';
import { telegramDefinition } from './telegram/definition.js';
import type { ChannelCapabilities, ChannelKind } from './types.js';
import { visitDefinition } from './visit/definition.js';
import { wechatDefinition } from './wechat/definition.js';
import { wecomKfDefinition } from './wecom_kf/definition.js';

const DEFINITIONS: readonly AnyChannelDefinition[] = [
  widen(telegramDefinition),
  widen(wechatDefinition),
  widen(wecomKfDefinition),
  widen(emailDefinition),
  widen(forumDefinition),
  widen(phoneDefinition),
  widen(visitDefinition),
];

const BY_KIND = new Map<ChannelKind, AnyChannelDefinition>(DEFINITIONS.map((d) => [d.kind, d]));
if (BY_KIND.size !== DEFINITIONS.length) throw new Error('two channel definitions share a kind');

/**
 * A definition's config-taking members only ever receive a config its own schema parsed, so
 * holding it as a definition of `unknown` config is sound (see AnyChannelDefinition).
 */
function widen<Config>(definition: ChannelDefinition<Config>): AnyChannelDefinition {
  return definition as unknown as AnyChannelDefinition;
}

/** Every definition, in the order the UI lists them. */
export function channelDefinitions(): readonly AnyChannelDefinition[] {
  return DEFINITIONS;
}

export function channelDefinition(kind: ChannelKind): AnyChannelDefinition | null {
  return BY_KIND.get(kind) ?? null;
}

/** Every kind, in order; the API's channel enums are made from this. */
export function channelKinds(): [ChannelKind, ...ChannelKind[]] {
  const kinds = DEFINITIONS.map((d) => d.kind);
  const [first, ...rest] = kinds;
  if (first === undefined) throw new Error('no channel definitions');
  return [first, ...rest];
}

export function isChannelKind(kind: string): boolean {
  return BY_KIND.has(kind);
}

/** The capabilities of a kind; an unknown kind (a row from a removed channel) can do nothing. */
export function capabilitiesOf(kind: ChannelKind): ChannelCapabilities {
  return BY_KIND.get(kind)?.capabilities ?? UNKNOWN_CAPABILITIES;
}

const UNKNOWN_CAPABILITIES: ChannelCapabilities = {
  threads: false,
  edit: false,
  attachments: false,
  html: false,
  buttons: false,
  maxTextLength: 0,
  logOnly: true,
};
