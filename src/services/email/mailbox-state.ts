/**
 * The IMAP watcher's memory (channels/email/imap.ts): per mailbox the last UID handed to
 * intake with its UIDVALIDITY, and which Message-IDs are stored already (for a resync).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { emailMailboxState, messages } from '../../../db/schema/index.js';
import type { MailboxCursor } from '../../../channels/email/imap.js';
import type { ServiceDeps } from '../ports.js';

export async function loadCursor(deps: Pick<ServiceDeps, 'db'>, inboxId: string): Promise<MailboxCursor | null> {
  const [row] = await deps.db.select().from(emailMailboxState).where(eq(emailMailboxState.inboxId, inboxId));
  return row ? { folder: row.folder, uidValidity: row.uidValidity, lastUid: row.lastUid, syncedAt: row.syncedAt } : null;
}

export async function saveCursor(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  inboxId: string,
  cursor: { folder: string; uidValidity: string; lastUid: number },
): Promise<void> {
  const values = { ...cursor, syncedAt: deps.clock.now() };
  await deps.db
    .insert(emailMailboxState)
    .values({ inboxId, ...values })
    .onConflictDoUpdate({ target: emailMailboxState.inboxId, set: values });
}

export async function knownMessageIds(deps: Pick<ServiceDeps, 'db'>, inboxId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = new Set<string>();
  // Bounded batches keep the IN list reasonable during a resync of a large folder.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await deps.db
      .select({ externalId: messages.externalId })
      .from(messages)
      .where(and(eq(messages.inboxId, inboxId), inArray(messages.externalId, ids.slice(i, i + 500))));
    for (const r of rows) if (r.externalId) found.add(r.externalId);
  }
  return found;
}
