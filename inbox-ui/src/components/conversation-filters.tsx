import type { ListFilter } from '../api/query-keys';
import type { AssigneeFilter, StatusFilter } from '../api/types';
import { useI18n } from '../i18n/i18n-context';

const STATUSES: StatusFilter[] = ['open', 'pending', 'resolved', 'all'];
const ASSIGNEES: AssigneeFilter[] = ['me', 'unassigned', 'all'];

export function ConversationFilters({ filter, onChange }: { filter: ListFilter; onChange: (filter: ListFilter) => void }) {
  const { t } = useI18n();
  return (
    <div className="filters">
      <div className="tabs" role="tablist" aria-label={t('list.statusFilter')}>
        {STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            role="tab"
            className="tabs__tab"
            aria-selected={filter.status === status}
            data-testid={`filter-status-${status}`}
            onClick={() => onChange({ ...filter, status })}
          >
            {t(`filter.status.${status}`)}
          </button>
        ))}
      </div>
      <div className="segmented" role="group" aria-label={t('list.assigneeFilter')}>
        {ASSIGNEES.map((assignee) => (
          <button
            key={assignee}
            type="button"
            className="segmented__option"
            aria-pressed={filter.assignee === assignee}
            data-testid={`filter-assignee-${assignee}`}
            onClick={() => onChange({ ...filter, assignee })}
          >
            {t(`filter.assignee.${assignee}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
