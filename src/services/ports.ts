/** What services need from the outside world; entries wire real implementations in. */
import type { Db } from '../../db/client.js';
import type { Logger } from '../logger.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface StoredEvent {
  seq: number;
  type: string;
  conversationId: string | null;
  inboxId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** Published after commit; the realtime gateway listens, services never call it directly. */
export interface EventBus {
  publish(events: StoredEvent[]): void;
  subscribe(listener: (event: StoredEvent) => void): () => void;
}

/** Durable work, handed to the job queue (pg-boss) by the entry that runs workers. */
export interface JobQueue {
  enqueueDelivery(messageId: string, opts?: { delaySeconds?: number }): Promise<void>;
  /** Downloads an inbound message's files (absent where no queue runs: a Node sweep finds them). */
  enqueueMediaDownload?(messageId: string, opts?: { delaySeconds?: number; attempt?: number }): Promise<void>;
}

/** Signing key and base address of links sent to owners outside a request (survey links). */
export interface PublicLinks {
  /** APP_SECRET. */
  secret: string;
  /** PUBLIC_URL, or this server's own address once it listens; '' while unknown. */
  publicUrl(): string;
}

export interface ServiceDeps {
  db: Db;
  clock: Clock;
  bus: EventBus;
  jobs: JobQueue;
  logger: Logger;
  /** Absent where no links go out (the Workers entry); owners then answer by reply. */
  publicLinks?: PublicLinks;
}

/** Drizzle's transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
