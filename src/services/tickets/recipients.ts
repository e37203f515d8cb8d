/**
 * Who stands on each rung of the escalation ladder. Found by permission, never by role name:
 * the department head is the team lead (班长) for its tickets; supervisors are those who may
 * view reports but not change settings; the center manager is whoever may change settings.
 */
import { and, eq, inArray, not, sql } from 'drizzle-orm';
import { departments, roles, users } from '../../../db/schema/index.js';
import type { EscalationRole } from '../../domain/tickets/index.js';
import type { Tx } from '../ports.js';
import type { TicketRow } from './timing.js';

export interface Recipient {
  id: string;
  name: string;
  email: string;
}

const hasPermission = (p: string) => sql`${p} = any(${roles.permissions})`;

async function byPermission(tx: Tx, include: string, exclude?: string): Promise<Recipient[]> {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(exclude ? and(hasPermission(include), not(hasPermission(exclude))) : hasPermission(include))
    .orderBy(users.name);
}

export async function supervisors(tx: Tx): Promise<Recipient[]> {
  const found = await byPermission(tx, 'report.view', 'settings.manage');
  return found.length > 0 ? found : managers(tx);
}

export function managers(tx: Tx): Promise<Recipient[]> {
  return byPermission(tx, 'settings.manage');
}

async function usersByIds(tx: Tx, ids: string[]): Promise<Recipient[]> {
  if (ids.length === 0) return [];
  return tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids));
}

/** The people to tell at a rung, and a note when the rung was empty and the next one was used. */
export async function recipientsFor(tx: Tx, role: EscalationRole, row: TicketRow): Promise<{ recipients: Recipient[]; note: string | null }> {
  switch (role) {
    case 'assignee': {
      const id = row.assigneeId ?? row.accountableAgentId;
      return { recipients: await usersByIds(tx, id ? [id] : []), note: null };
    }
    case 'team_lead': {
      const [dep] = await tx.select({ headId: departments.headId }).from(departments).where(eq(departments.id, row.departmentId));
      if (dep?.headId) return { recipients: await usersByIds(tx, [dep.headId]), note: null };
      return { recipients: await supervisors(tx), note: 'the department has no head; the supervisors were told instead' };
    }
    case 'supervisor':
      return { recipients: await supervisors(tx), note: null };
    case 'manager':
      return { recipients: await managers(tx), note: null };
  }
}
