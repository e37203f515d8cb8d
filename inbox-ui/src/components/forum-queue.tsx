/** The review queue: items by state on the left (live), the chosen item's detail on the right. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchQueue, forumKeys, type ForumQueueItem, type QueueState } from '../api/forum-api';
import { useI18n } from '../i18n/i18n-context';
import { formatFullTime } from '../lib/format-time';
import { ForumItem, KindBadge } from './forum-item';

const STATES: QueueState[] = ['pending', 'approved', 'rejected', 'ignored', 'all'];

export function ForumQueue({ itemId, onSelect }: { itemId: string | null; onSelect: (id: string | null) => void }) {
  const { t, locale } = useI18n();
  const [state, setState] = useState<QueueState>('pending');
  const queue = useQuery({ queryKey: forumKeys.queue(state), queryFn: () => fetchQueue(state) });
  const items: ForumQueueItem[] = queue.data?.data ?? [];

  return (
    <div className="forum-queue">
      <section className="forum-queue__list" aria-label={t('forum.tab.queue')}>
        <div className="forum-queue__states" role="group" aria-label={t('forum.queue.state')}>
          {STATES.map((s) => (
            <button key={s} type="button" className="button button--small" aria-pressed={state === s} onClick={() => setState(s)} data-testid={`forum-state-${s}`}>
              {t(`forum.state.${s}`)}
            </button>
          ))}
        </div>
        {queue.isError && <p className="notice notice--error">{t('forum.error', { message: queue.error.message })}</p>}
        {queue.isSuccess && items.length === 0 && <p className="muted">{t('forum.queue.empty')}</p>}
        {items.map((item) => (
          <button
            key={item.id}
            type="button"
            className="forum-card"
            aria-current={item.id === itemId}
            onClick={() => onSelect(item.id)}
            data-testid="forum-queue-item"
            data-state={item.state}
          >
            <span className="forum-card__title">
              <KindBadge kind={item.kind} /> {item.topic.title}
            </span>
            <span className="forum-card__excerpt">{item.post.body}</span>
            <span className="muted">
              {locale === 'en' ? item.board.nameEn : item.board.name} · {item.author?.displayName ?? '—'} · {formatFullTime(item.createdAt, locale)}
              {item.claimedBy && item.state === 'pending' ? ` · ${t('forum.claimedBy', { name: item.claimedBy.name })}` : ''}
            </span>
          </button>
        ))}
      </section>
      {itemId ? <ForumItem key={itemId} itemId={itemId} /> : <p className="muted">{t('forum.queue.choose')}</p>}
    </div>
  );
}
