/** TicketError → HTTP: 404 unknown ticket, 403 not yours, 409 illegal transition (with `allowed`) or stale version, 422 unknown references. */
import type { Context } from 'hono';
import { TicketError } from '../../services/tickets/index.js';

export function ticketErrorResponse(c: Context, err: unknown) {
  if (!(err instanceof TicketError)) throw err;
  switch (err.code) {
    case 'not_found':
      return c.json({ error: err.message }, 404);
    case 'forbidden':
      return c.json({ error: err.message }, 403);
    case 'illegal_transition':
      return c.json({ error: err.message, allowed: err.allowed ?? [] }, 409);
    case 'stale_version':
      return c.json({ error: err.message, currentVersion: err.currentVersion }, 409);
    default:
      return c.json({ error: err.message }, 422);
  }
}
