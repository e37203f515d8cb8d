/**
 * Permissions are the unit of access; roles are data (named sets of these), so a custom
 * role never needs a code change. Code asks `can(user, 'x')`, never "is admin".
 */
export const PERMISSIONS = [
  'conversation.read.all',
  'conversation.read.assigned',
  'conversation.reply',
  'conversation.assign',
  'contact.phone.view',
  'ticket.manage',
  'forum.moderate',
  'report.view',
  'settings.manage',
  'users.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const BUILTIN_ROLES: { key: string; name: string; permissions: Permission[] }[] = [
  { key: 'admin', name: 'Center manager / 中心主任', permissions: [...PERMISSIONS] },
  {
    key: 'supervisor',
    name: 'Supervisor / 客服主管',
    permissions: ['conversation.read.all', 'conversation.reply', 'conversation.assign', 'contact.phone.view', 'ticket.manage', 'report.view'],
  },
  {
    key: 'agent',
    name: 'Agent / 客服代表',
    permissions: ['conversation.read.all', 'conversation.reply', 'conversation.assign', 'contact.phone.view', 'ticket.manage'],
  },
  { key: 'restricted_agent', name: 'Agent, own conversations / 客服专员', permissions: ['conversation.read.assigned', 'conversation.reply'] },
];

export interface Principal {
  id: string;
  permissions: readonly string[];
}

export function can(user: Principal, permission: Permission): boolean {
  return user.permissions.includes(permission);
}

/** Whether the user may read a conversation with this assignee. */
export function canReadConversation(user: Principal, assigneeId: string | null): boolean {
  if (can(user, 'conversation.read.all')) return true;
  return can(user, 'conversation.read.assigned') && assigneeId === user.id;
}
