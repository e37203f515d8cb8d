/** Actions on the selected conversations: assign, label, resolve. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { bulkUpdate, workspaceKeys } from '../api/workspace-endpoints';
import { useUsers } from '../hooks/use-users';
import { useLabels } from '../hooks/use-workspace-data';
import { useI18n } from '../i18n/i18n-context';

export function BulkBar({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const users = useUsers();
  const labels = useLabels();
  const bulk = useMutation({
    mutationFn: (patch: Parameters<typeof bulkUpdate>[1]) => bulkUpdate(ids, patch),
    onSuccess: () => {
      // Each changed conversation also arrives as a live event; the refetch covers other filters.
      void client.invalidateQueries({ queryKey: ['conversations'] });
      void client.invalidateQueries({ queryKey: workspaceKeys.viewCounts });
      onDone();
    },
  });
  return (
    <div className="bulk" role="toolbar" aria-label={t('ws.bulk.selected', { count: ids.length })} data-testid="bulk-bar">
      <span className="bulk__count">{t('ws.bulk.selected', { count: ids.length })}</span>
      <select className="select" aria-label={t('ws.bulk.assign')} value="" disabled={bulk.isPending} onChange={(e) => e.target.value && bulk.mutate({ assigneeId: e.target.value })} data-testid="bulk-assign">
        <option value="">{t('ws.bulk.assign')}</option>
        {(users.data ?? []).map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <select className="select" aria-label={t('ws.bulk.label')} value="" disabled={bulk.isPending} onChange={(e) => e.target.value && bulk.mutate({ addLabelIds: [e.target.value] })} data-testid="bulk-label">
        <option value="">{t('ws.bulk.label')}</option>
        {(labels.data ?? []).map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small" disabled={bulk.isPending} onClick={() => bulk.mutate({ status: 'resolved' })} data-testid="bulk-resolve">
        {t('ws.bulk.resolve')}
      </button>
      <button type="button" className="button button--ghost button--small" onClick={onDone}>
        {t('ws.bulk.clear')}
      </button>
    </div>
  );
}
