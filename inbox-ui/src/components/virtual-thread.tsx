/**
 * The thread, virtualized: only the messages in view (plus a margin) are in the DOM, so a
 * 5,000-message thread opens without freezing. Stays on the newest message unless the agent
 * scrolled up to read.
 */
import { useLayoutEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMessages } from '../hooks/use-messages';
import { useNow } from '../hooks/use-now';
import { useI18n } from '../i18n/i18n-context';
import { MessageItem } from './message-item';

const STICKY_BOTTOM_PX = 120;

export function VirtualThread({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const now = useNow(60_000);
  const query = useMessages(conversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const messages = query.data?.data ?? [];
  const count = messages.length;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => 84,
    overscan: 8,
    getItemKey: (index) => messages[index]?.id ?? index,
  });

  useLayoutEffect(() => {
    if (count > 0 && atBottom.current) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [count, virtualizer]);

  const total = virtualizer.getTotalSize();

  return (
    <div
      className="thread__messages thread__messages--virtual"
      ref={scroller}
      role="log"
      aria-live="polite"
      aria-label={t('thread.messages')}
      data-testid="thread-messages"
      data-count={count}
      data-ready={query.isSuccess ? 'true' : 'false'}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICKY_BOTTOM_PX;
      }}
    >
      {query.isPending && <p className="muted pad">{t('thread.loading')}</p>}
      {query.isError && (
        <p className="notice notice--error" role="alert">
          {t('thread.error', { message: query.error.message })}
        </p>
      )}
      {query.isSuccess && count === 0 && <p className="muted pad">{t('thread.empty')}</p>}
      <div className="vthread" style={{ height: total }}>
        {virtualizer.getVirtualItems().map((item) => {
          const message = messages[item.index];
          if (!message) return null;
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="vthread__row" style={{ transform: `translateY(${item.start}px)` }}>
              <MessageItem message={message} conversationId={conversationId} now={now} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
