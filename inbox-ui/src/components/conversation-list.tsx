import type { ListFilter } from '../api/query-keys';
import { useConversations } from '../hooks/use-conversations';
import { useNow } from '../hooks/use-now';
import { useI18n } from '../i18n/i18n-context';
import { ConversationFilters } from './conversation-filters';
import { ConversationListItem } from './conversation-list-item';

interface Props {
  filter: ListFilter;
  onFilterChange: (filter: ListFilter) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function ConversationList({ filter, onFilterChange, selectedId, onSelect }: Props) {
  const { t } = useI18n();
  const now = useNow();
  const query = useConversations(filter);

  return (
    <nav className="conv-list" aria-label={t('list.label')}>
      <ConversationFilters filter={filter} onChange={onFilterChange} />
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
            <ConversationListItem
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selectedId}
              now={now}
              onSelect={onSelect}
            />
          ))}
        </ul>
        {query.hasNextPage && (
          <button
            type="button"
            className="button button--ghost conv-list__more"
            data-testid="load-more"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? t('list.loadingMore') : t('list.loadMore')}
          </button>
        )}
      </div>
    </nav>
  );
}
