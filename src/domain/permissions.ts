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
  /** 论坛管理员: complaints anywhere, moves, suspensions, appointing 版主, forum settings. */
  'forum.admin',
  /** Confirm an owner's stated unit, linking their forum account to the contact record. */
  'contact.link',
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
    permissions: ['conversation.read.all', 'conversation.reply', 'conversation.assign', 'contact.phone.view', 'ticket.manage', 'report.view', 'contact.link'],
  },
  {
    key: 'agent',
    name: 'Agent / 客服代表',
    permissions: ['conversation.read.all', 'conversation.reply', 'conversation.assign', 'contact.phone.view', 'ticket.manage', 'contact.link'],
  },
  // The forum's two roles (issue 4): 版主 curate the boards they are appointed to; 论坛管理员
  // handle complaints, suspensions and appointments.
  { key: 'board_moderator', name: 'Board moderator / 版主', permissions: ['forum.moderate'] },
  { key: 'forum_admin', name: 'Forum admin / 论坛管理员', permissions: ['forum.moderate', 'forum.admin'] },
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
