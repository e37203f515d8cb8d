import { pgTable, uuid, timestamp, jsonb, index } from 'drizzle-orm/pg-core';
import { contacts } from './contacts.js';
import { users } from './users.js';

/**
 * The audit trail of contact merges. It names every identity, conversation and ticket that
 * moved and the survivor's fields before, so a merge can be undone exactly. The merged
 * contact row stays (hidden while the merge stands) so nothing that points at it breaks.
 */
export const contactMerges = pgTable(
  'contact_merges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    survivorId: uuid('survivor_id')
      .notNull()
      .references(() => contacts.id),
    mergedId: uuid('merged_id')
      .notNull()
      .references(() => contacts.id),
    moved: jsonb('moved').$type<{ identities: string[]; conversations: string[]; tickets: string[] }>().notNull(),
    survivorBefore: jsonb('survivor_before').$type<{ unit: string | null; phone: string | null; email: string | null }>().notNull(),
    mergedBy: uuid('merged_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneBy: uuid('undone_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('contact_merges_survivor_idx').on(t.survivorId), index('contact_merges_merged_idx').on(t.mergedId)],
);
