import { useConversation } from '../hooks/use-conversation';
import { useMarkRead } from '../hooks/use-mark-read';
import { useI18n } from '../i18n/i18n-context';
import { Composer } from './composer';
import { ThreadHeader } from './thread-header';
import { ThreadMessages } from './thread-messages';

export function ThreadView({ conversationId, onBack }: { conversationId: string; onBack: () => void }) {
  const { t } = useI18n();
  const conversation = useConversation(conversationId);
  useMarkRead(conversation.data);

  return (
    <section className="thread" aria-labelledby="thread-contact" data-testid="thread">
      {conversation.data ? (
        <ThreadHeader conversation={conversation.data} onBack={onBack} />
      ) : (
        <header className="thread__header">
          <button type="button" className="button button--ghost thread__back" onClick={onBack} aria-label={t('thread.back')}>
            <span aria-hidden="true">←</span>
          </button>
          {conversation.isError ? (
            <p className="notice notice--error" role="alert">
              {t('thread.error', { message: conversation.error.message })}
            </p>
          ) : (
            <p className="muted">{t('app.loading')}</p>
          )}
        </header>
      )}
      <ThreadMessages conversationId={conversationId} />
      <Composer conversationId={conversationId} />
    </section>
  );
}
