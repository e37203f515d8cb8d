/** Human ticket numbers: a per-local-day counter, safe when tickets are created at the same moment. */
import { sql } from 'drizzle-orm';
import { ticketNumberCounters } from '../../../db/schema/index.js';
import { DEFAULT_TIME_ZONE, formatTicketNumber } from '../../domain/tickets/index.js';
import type { Tx } from '../ports.js';

export async function nextTicketNumber(tx: Tx, at: Date, timeZone: string = DEFAULT_TIME_ZONE): Promise<string> {
  // The day key is the date part of the number itself, so both roll over at the same local midnight.
  const day = formatTicketNumber(at, 1, timeZone).split('-')[1] ?? '';
  const [row] = await tx
    .insert(ticketNumberCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: ticketNumberCounters.day, set: { last: sql`${ticketNumberCounters.last} + 1` } })
    .returning({ last: ticketNumberCounters.last });
  if (!row) throw new Error('ticket number counter returned nothing');
  return formatTicketNumber(at, row.last, timeZone);
}
