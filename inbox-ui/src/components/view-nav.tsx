/** Built-in and saved views, each with its live count of conversations that have unread messages. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ListFilter } from '../api/query-keys';
import { createSavedView, deleteSavedView, workspaceKeys } from '../api/workspace-endpoints';
import type { ViewFilter } from '../api/workspace-types';
import { useSavedViews, useViewCounts } from '../hooks/use-workspace-data';
import { useI18n } from '../i18n/i18n-context';

export const BUILTIN: { key: 'mine' | 'unassigned' | 'all' | 'snoozed'; filter: ListFilter }[] = [
  { key: 'mine', filter: { status: 'open', assignee: 'me', snoozed: false } },
  { key: 'unassigned', filter: { status: 'open', assignee: 'unassigned', snoozed: false } },
  { key: 'all', filter: { status: 'open', assignee: 'all', snoozed: false } },
  { key: 'snoozed', filter: { status: 'all', assignee: 'all', snoozed: true } },
];

const same = (a: ListFilter, b: ListFilter) => JSON.stringify(Object.entries(a).filter(([, v]) => v !== undefined).sort()) === JSON.stringify(Object.entries(b).filter(([, v]) => v !== undefined).sort());

export function ViewNav({ filter, onChange }: { filter: ListFilter; onChange: (f: ListFilter) => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const saved = useSavedViews();
  const counts = useViewCounts();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: workspaceKeys.savedViews });
    void client.invalidateQueries({ queryKey: workspaceKeys.viewCounts });
  };
  const save = useMutation({ mutationFn: (name: string) => createSavedView(name, filter as ViewFilter), onSuccess: refresh });
  const remove = useMutation({ mutationFn: deleteSavedView, onSuccess: refresh });

  const item = (key: string, label: string, f: ListFilter, removable?: () => void) => {
    const count = counts.data?.[key];
    return (
      <li key={key} className="views__item">
        <button type="button" className="views__button" aria-current={same(f, filter) ? 'true' : undefined} onClick={() => onChange(f)} data-testid={`view-${key}`}>
          <span className="views__name">{label}</span>
          {count !== undefined && count > 0 && (
            <span className="unread-badge" aria-label={t('ws.views.unread', { count })} data-testid={`view-count-${key}`}>
              {count}
            </span>
          )}
        </button>
        {removable && (
          <button type="button" className="button button--ghost button--small" aria-label={t('ws.views.delete', { name: label })} onClick={removable}>
            ×
          </button>
        )}
      </li>
    );
  };

  return (
    <div className="views">
      <ul className="views__list" aria-label={t('ws.views.label')}>
        {BUILTIN.map((b) => item(b.key, t(`ws.views.${b.key}`), b.filter))}
        {(saved.data ?? []).map((v) => item(v.id, v.name, v.filter, () => remove.mutate(v.id)))}
      </ul>
      <button
        type="button"
        className="button button--small"
        data-testid="view-save"
        onClick={() => {
          const name = window.prompt(t('ws.views.saveName'))?.trim();
          if (name) save.mutate(name);
        }}
      >
        {t('ws.views.save')}
      </button>
    </div>
  );
}
