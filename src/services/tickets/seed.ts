/** Idempotent start-up data for tickets: calendars, departments and default SLA policies. */
import type { Db } from '../../../db/client.js';
import { seedCalendars } from './calendars.js';
import { seedDepartments } from './departments.js';
import { seedPolicies } from './sla-policies.js';

export async function seedTickets(db: Db): Promise<void> {
  await seedCalendars(db);
  await seedDepartments(db);
  await seedPolicies(db);
}
