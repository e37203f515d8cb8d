import type { Conversation, UserRef } from '../api/types';
import { useCurrentUser } from '../auth/auth-context';
import { useUsers } from '../hooks/use-users';
import { useI18n } from '../i18n/i18n-context';

interface Props {
  conversation: Conversation;
  disabled: boolean;
  onAssign: (assigneeId: string | null) => void;
}

export function AssigneeSelect({ conversation, disabled, onAssign }: Props) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const users = useUsers();

  // Whoever the list has, the agent and the current assignee are always choices.
  const options: UserRef[] = [...(users.data ?? [])];
  for (const extra of [{ id: me.id, name: me.name }, conversation.assignee]) {
    if (extra && !options.some((user) => user.id === extra.id)) options.push(extra);
  }

  return (
    <select
      className="assignee-select"
      data-testid="assignee-select"
      aria-label={t('assignee.label')}
      value={conversation.assignee?.id ?? ''}
      disabled={disabled}
      onChange={(event) => onAssign(event.target.value || null)}
    >
      <option value="">{t('assignee.none')}</option>
      {options.map((user) => (
        <option key={user.id} value={user.id}>
          {user.id === me.id ? t('assignee.me', { name: user.name }) : user.name}
        </option>
      ))}
    </select>
  );
}
