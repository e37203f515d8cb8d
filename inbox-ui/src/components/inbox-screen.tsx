import { useState } from 'react';
import type { ListFilter } from '../api/query-keys';
import { useCurrentUser } from '../auth/auth-context';
import { useSelectedConversation } from '../hooks/use-selected-conversation';
import { useI18n } from '../i18n/i18n-context';
import { useRealtime } from '../realtime/use-realtime';
import { AppHeader } from './app-header';
import { ConnectionBanner } from './connection-banner';
import { ConversationList } from './conversation-list';
import { ThreadView } from './thread-view';

export function InboxScreen({ token }: { token: string }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const connection = useRealtime(token, me.id);
  const [selectedId, select] = useSelectedConversation();
  const [filter, setFilter] = useState<ListFilter>({ status: 'open', assignee: 'all' });

  return (
    <div className={`inbox${selectedId ? ' inbox--thread-open' : ''}`}>
      <AppHeader />
      <ConnectionBanner state={connection} />
      <div className="inbox__body">
        <ConversationList filter={filter} onFilterChange={setFilter} selectedId={selectedId} onSelect={select} />
        <main className="inbox__main">
          {selectedId ? (
            <ThreadView key={selectedId} conversationId={selectedId} onBack={() => select(null)} />
          ) : (
            <div className="thread-placeholder muted">{t('thread.none')}</div>
          )}
        </main>
      </div>
    </div>
  );
}
