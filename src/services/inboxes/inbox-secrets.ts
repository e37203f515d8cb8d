/**
 * An inbox's config is kept in two parts: what is safe to show in `inboxes.config`, the
 * definition's secret fields sealed together in `inboxes.secrets_encrypted` (SecretBox,
 * bound to the inbox id, the format mailboxes already use). These helpers split a parsed
 * config into the two and put them back together.
 */
import type { InferSelectModel } from 'drizzle-orm';
import type { inboxes } from '../../../db/schema/index.js';
import type { AnyChannelDefinition } from '../../../channels/definition.js';
import type { SecretBox } from '../secret-box.js';

type InboxRow = InferSelectModel<typeof inboxes>;

/** Keys in `inboxes.config` that belong to Huixin, not to the channel's schema. */
export const INTERNAL_CONFIG_KEYS = ['source'] as const;

export const secretContext = (inboxId: string): string => `inbox:${inboxId}`;

export function splitConfig(definition: AnyChannelDefinition, config: unknown): { visible: Record<string, unknown>; secrets: Record<string, unknown> } {
  const visible: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((config ?? {}) as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (definition.secretFields.includes(key)) secrets[key] = value;
    else visible[key] = value;
  }
  return { visible, secrets };
}

/** The stored secrets; an unreadable value (APP_SECRET changed) reads as none, so the admin enters them again. */
export function openSecrets(box: SecretBox, row: InboxRow): Record<string, unknown> {
  if (!row.secretsEncrypted) return {};
  try {
    const parsed: unknown = JSON.parse(box.open(row.secretsEncrypted, secretContext(row.id)));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function visibleConfig(row: InboxRow): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row.config };
  for (const key of INTERNAL_CONFIG_KEYS) delete out[key];
  return out;
}

/** Stored visible config and secrets as one object for the definition's schema. */
export function storedConfigInput(box: SecretBox, row: InboxRow): Record<string, unknown> {
  return { ...visibleConfig(row), ...openSecrets(box, row) };
}

/** Which secret fields have a value stored (what the API shows instead of the values). */
export function secretsSet(definition: AnyChannelDefinition, secrets: Record<string, unknown>): string[] {
  return definition.secretFields.filter((f) => secrets[f] !== undefined && secrets[f] !== null && secrets[f] !== '');
}
