/**
 * Attachment bytes of email, stored once per content hash (table `email_blobs`). A message's
 * attachment names its bytes with `storageKey: "email-blob:<sha256>"`.
 */
import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { emailBlobs } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Tx } from '../ports.js';

const PREFIX = 'email-blob:';

export function blobKey(content: Uint8Array): { sha256: string; storageKey: string } {
  const sha256 = createHash('sha256').update(content).digest('hex');
  return { sha256, storageKey: PREFIX + sha256 };
}

export function shaOfKey(storageKey: string | undefined): string | null {
  if (!storageKey?.startsWith(PREFIX)) return null;
  const sha = storageKey.slice(PREFIX.length);
  return /^[0-9a-f]{64}$/.test(sha) ? sha : null;
}

/** Stores the bytes (a no-op for bytes already stored); returns their storage keys. */
export async function storeBlobs(tx: Db | Tx, contents: Uint8Array[]): Promise<string[]> {
  const keys = contents.map(blobKey);
  const rows = new Map(keys.map((k, i) => [k.sha256, { sha256: k.sha256, size: contents[i]?.length ?? 0, content: Buffer.from(contents[i] as Uint8Array) }]));
  if (rows.size > 0) await tx.insert(emailBlobs).values([...rows.values()]).onConflictDoNothing({ target: emailBlobs.sha256 });
  return keys.map((k) => k.storageKey);
}

export async function loadBlob(db: Db | Tx, storageKey: string | undefined): Promise<Uint8Array | null> {
  const sha = shaOfKey(storageKey);
  if (!sha) return null;
  const [row] = await db.select({ content: emailBlobs.content }).from(emailBlobs).where(eq(emailBlobs.sha256, sha));
  return row ? new Uint8Array(row.content) : null;
}

export async function loadBlobs(db: Db | Tx, storageKeys: string[]): Promise<Map<string, Uint8Array>> {
  const shas = storageKeys.map(shaOfKey).filter((s): s is string => s !== null);
  if (shas.length === 0) return new Map();
  const rows = await db.select({ sha256: emailBlobs.sha256, content: emailBlobs.content }).from(emailBlobs).where(inArray(emailBlobs.sha256, shas));
  return new Map(rows.map((r) => [PREFIX + r.sha256, new Uint8Array(r.content)]));
}
