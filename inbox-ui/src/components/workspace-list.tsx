/** The conversation list of the workspace: views, filters, selection for bulk actions. */
import { useEffect, useState } from 'react';
import type { ListFilter } from '../api/query-keys';
import { useConversations } from '../hooks/use-conversations';
import { useNow } from '../hooks/use-now';
import { useI18n } from '../i18n/i18n-context';
import { BulkBar } from './bulk-bar';
import { ConversationListItem } from './conversation-list-item';
import { ListFilterBar } from './list-filter-bar';
import { ViewNav } from './view-nav';

interface Props {
  filter: ListFilter;
  onFilterChange: (f: ListFilter) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** The ids in list order, for j/k navigation. */
  onItems: (ids: string[]) => void;
}

export function WorkspaceList({ filter, onFilterChange, selectedId, onSelect, onItems }: Props) {
  const { t } = useI18n();
  const now = useNow();
  const query = useConversations(filter);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const ids = query.items.map((c) => c.id).join(',');

  useEffect(() => onItems(ids ? ids.split(',') : []), [ids, onItems]);

  return (
    <nav className="conv-list" aria-label={t('list.label')}>
      <ViewNav filter={filter} onChange={(f) => (setChecked(new Set()), onFilterChange(f))} />
      <ListFilterBar filter={filter} onChange={onFilterChange} />
      {checked.size > 0 && <BulkBar ids={[...checked]} onDone={() => setChecked(new Set())} />}
      <div className="conv-list__scroll">
        {query.isPending && <p className="muted pad">{t('app.loading')}</p>}
        {query.isError && (
          <div className="notice notice--error pad" role="alert">
            {t('list.error', { message: query.error.message })}{' '}
            <button type="button" className="button button--small" onClick={() => void query.refetch()}>
              {t('app.retry')}
            </button>
          </div>
        )}
        {query.isSuccess && query.items.length === 0 && <p className="muted pad">{t('list.empty')}</p>}
        <ul className="conv-list__items">
          {query.items.map((conversation) => (
            <li key={conversation.id} className="conv-row">
              <input
                type="checkbox"
                className="conv-row__check"
                aria-label={t('ws.select.conversation', { name: conversation.contact.name || t('contact.unknown') })}
                data-testid="conversation-check"
                checked={checked.has(conversation.id)}
                onChange={(e) =>
                  setChecked((s) => {
                    const next = new Set(s);
                    if (e.target.checked) next.add(conversation.id);
                    else next.delete(conversation.id);
                    return next;
                  })
                }
              />
              <ul className="conv-row__item">
                <ConversationListItem conversation={conversation} selected={conversation.id === selectedId} now={now} onSelect={onSelect} />
              </ul>
              {conversation.priority && conversation.priority !== 'normal' && (
                <span className={`priority-dot priority--${conversation.priority}`} title={t(`ws.priority.${conversation.priority}`)} aria-label={t(`ws.priority.${conversation.priority}`)} />
              )}
            </li>
          ))}
        </ul>
        {query.hasNextPage && (
          <button type="button" className="button button--ghost conv-list__more" data-testid="load-more" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? t('list.loadingMore') : t('list.loadMore')}
          </button>
        )}
      </div>
    </nav>
  );
}
