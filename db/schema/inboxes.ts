import { pgTable, uuid, text, timestamp, jsonb, unique, boolean } from 'drizzle-orm/pg-core';

/** One inbox per channel account (a Telegram bot, a mailbox, the forum). */
export const inboxes = pgTable(
  'inboxes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    channel: text('channel').notNull(),
    name: text('name').notNull(),
    /** Identifies the account on its channel (bot username, mailbox address) so start-up config is idempotent. */
    accountKey: text('account_key').notNull(),
    /** Settings that are safe to show. */
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    /** Credentials, encrypted with a key derived from APP_SECRET; never returned by the API. */
    secretsEncrypted: text('secrets_encrypted'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** A disabled inbox receives nothing (its webhook answers 404) and sends nothing. */
    disabled: boolean('disabled').notNull().default(false),
    /** Health, recorded by intake and delivery; shown on the inbox screen. */
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    lastDeliveryAt: timestamp('last_delivery_at', { withTimezone: true }),
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('inboxes_account_uq').on(t.channel, t.accountKey)],
);

/** Small admin-editable settings, such as the Telegram /start welcome text. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
