import { pgTable, bigserial, timestamp, customType } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Large socket.io broadcasts between Node instances: @socket.io/postgres-adapter sends events
 * over NOTIFY and parks payloads over its threshold here (the table name it expects).
 */
export const socketIoAttachments = pgTable('socket_io_attachments', {
  id: bigserial('id', { mode: 'number' }).unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow(),
  payload: bytea('payload'),
});
