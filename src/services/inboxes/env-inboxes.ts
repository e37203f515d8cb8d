/**
 * Inboxes the environment configures (TELEGRAM_BOT_TOKEN …) are seeded as rows like any
 * other, marked `source: 'env'`: the runtime runs them the same way, and the API shows them
 * but leaves their changes to the environment. Safe to run on every start.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { inboxes } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { AnyChannelDefinition } from '../../../channels/definition.js';
import type { SecretBox } from '../secret-box.js';
import { InboxError } from './inbox-errors.js';
import { secretContext, splitConfig } from './inbox-secrets.js';

export async function ensureEnvInbox(db: Db, box: SecretBox, definition: AnyChannelDefinition, name: string, input: Record<string, unknown>): Promise<string> {
  const parsed = definition.configSchema.safeParse(input);
  if (!parsed.success) {
    throw new InboxError('invalid', `${definition.kind} from the environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const { visible, secrets } = splitConfig(definition, parsed.data);
  const config = { ...visible, source: 'env' };
  const [row] = await db
    .insert(inboxes)
    .values({ id: randomUUID(), channel: definition.kind, accountKey: definition.accountKey(parsed.data), name, config })
    // The environment wins over whatever the row held; an env inbox is never left disabled.
    .onConflictDoUpdate({ target: [inboxes.channel, inboxes.accountKey], set: { config: sql`excluded.config`, disabled: false } })
    .returning({ id: inboxes.id, secretsEncrypted: inboxes.secretsEncrypted });
  if (!row) throw new Error('inbox upsert returned nothing');
  const sealed = JSON.stringify(secrets);
  let same = false;
  try {
    same = row.secretsEncrypted !== null && box.open(row.secretsEncrypted, secretContext(row.id)) === sealed;
  } catch {
    // unreadable: sealed again below
  }
  // Only a real change bumps updated_at, which the runtime reads as "rebuild this inbox".
  if (!same) await db.update(inboxes).set({ secretsEncrypted: box.seal(sealed, secretContext(row.id)), updatedAt: new Date() }).where(eq(inboxes.id, row.id));
  return row.id;
}
