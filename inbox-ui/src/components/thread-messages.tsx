import { useEffect, useLayoutEffect, useRef } from 'react';
import { useMessages } from '../hooks/use-messages';
import { useNow } from '../hooks/use-now';
import { useI18n } from '../i18n/i18n-context';
import { MessageItem } from './message-item';

const STICKY_BOTTOM_PX = 120;

/** The thread, oldest first; stays scrolled to the newest message unless the agent scrolled up. */
export function ThreadMessages({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const now = useNow(60_000);
  const query = useMessages(conversationId);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const messages = query.data?.data;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [messages]);

  // The pane also changes height (banner, composer resize, rotation): stay on the newest message.
  useEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      className="thread__messages"
      ref={scroller}
      role="log"
      aria-live="polite"
      aria-label={t('thread.messages')}
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
      {messages && messages.length === 0 && <p className="muted pad">{t('thread.empty')}</p>}
      {messages?.map((message) => <MessageItem key={message.id} message={message} conversationId={conversationId} now={now} />)}
    </div>
  );
}
