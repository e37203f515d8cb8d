/**
 * Health of an inbox as the inbox screen shows it: when something last came in, when a reply
 * last went out, and the last error with its time. Written by intake and delivery; each is
 * one small UPDATE that never fails the work it reports on.
 */
import { eq } from 'drizzle-orm';
import { inboxes } from '../../../db/schema/index.js';
import type { Db } from '../../../db/client.js';
import type { Logger } from '../../logger.js';

export interface InboxHealth {
  inbound(inboxId: string, at: Date): Promise<void>;
  delivered(inboxId: string, at: Date): Promise<void>;
  failed(inboxId: string, error: string, at: Date): Promise<void>;
}

/** Inbound and delivery times are written at most this often per inbox, so a busy inbox costs no write per message. */
const THROTTLE_MS = 10_000;

export function createInboxHealth(db: Db, logger: Logger): InboxHealth {
  const lastWritten = new Map<string, number>();
  const throttled = (key: string, at: Date): boolean => {
    const last = lastWritten.get(key);
    if (last !== undefined && at.getTime() - last < THROTTLE_MS && at.getTime() >= last) return true;
    lastWritten.set(key, at.getTime());
    return false;
  };
  const write = async (inboxId: string, set: Partial<typeof inboxes.$inferInsert>) => {
    await db
      .update(inboxes)
      .set(set)
      .where(eq(inboxes.id, inboxId))
      .catch((err: unknown) => logger.warn('inbox health not recorded', { inboxId, err }));
  };
  return {
    inbound: async (inboxId, at) => {
      if (!throttled(`in:${inboxId}`, at)) await write(inboxId, { lastInboundAt: at });
    },
    delivered: async (inboxId, at) => {
      if (!throttled(`out:${inboxId}`, at)) await write(inboxId, { lastDeliveryAt: at });
    },
    failed: (inboxId, error, at) => write(inboxId, { lastError: error.slice(0, 1000), lastErrorAt: at }),
  };
}
