/** The agent's own status; sent on the socket so it is one source of truth with disconnects. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setMyPresence, workspaceKeys } from '../api/workspace-endpoints';
import type { PresenceStatus } from '../api/workspace-types';
import { useCurrentUser } from '../auth/auth-context';
import { usePresence } from '../hooks/use-workspace-data';
import { useI18n } from '../i18n/i18n-context';

const STATUSES: PresenceStatus[] = ['online', 'busy', 'offline'];

export function PresenceSwitch() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const client = useQueryClient();
  const presence = usePresence();
  const mine = presence.data?.find((p) => p.userId === me.id)?.status ?? 'online';
  const set = useMutation({ mutationFn: setMyPresence, onSuccess: () => void client.invalidateQueries({ queryKey: workspaceKeys.presence }) });
  return (
    <label className={`presence presence--${mine}`}>
      <span className="presence__dot" aria-hidden="true" />
      <select className="select" aria-label={t('ws.presence.label')} data-testid="presence-select" value={mine} onChange={(e) => set.mutate(e.target.value as PresenceStatus)}>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`ws.presence.${s}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
