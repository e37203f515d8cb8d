import type { Conversation, ConversationStatus } from '../api/types';
import { useUpdateConversation } from '../hooks/use-update-conversation';
import { useI18n } from '../i18n/i18n-context';
import { AssigneeSelect } from './assignee-select';
import { ChannelBadge } from './channel-badge';

const STATUSES: ConversationStatus[] = ['open', 'pending', 'resolved'];

export function ThreadHeader({ conversation, onBack }: { conversation: Conversation; onBack: () => void }) {
  const { t } = useI18n();
  const update = useUpdateConversation(conversation.id);

  return (
    <header className="thread__header">
      <div className="thread__title-row">
        <button type="button" className="button button--ghost thread__back" onClick={onBack} aria-label={t('thread.back')}>
          <span aria-hidden="true">←</span>
        </button>
        <div className="thread__title">
          <h2 className="thread__contact" data-testid="thread-contact">
            {conversation.contact.name || t('contact.unknown')}
          </h2>
          <ChannelBadge channel={conversation.channel} />
          <span className={`status-pill status-pill--${conversation.status}`} data-testid="thread-status">
            {t('thread.statusNow', { status: t(`status.${conversation.status}`) })}
          </span>
        </div>
      </div>
      {conversation.subject && <p className="thread__subject">{conversation.subject}</p>}
      <div className="thread__actions">
        <div className="segmented" role="group" aria-label={t('thread.statusGroup')}>
          {STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              className={`segmented__option segmented__option--${status}`}
              data-testid={`status-${status}`}
              aria-pressed={conversation.status === status}
              disabled={update.isPending}
              onClick={() => {
                if (conversation.status !== status) update.mutate({ status });
              }}
            >
              {t(`statusAction.${status}`)}
            </button>
          ))}
        </div>
        <AssigneeSelect
          conversation={conversation}
          disabled={update.isPending}
          onAssign={(assigneeId) => update.mutate({ assigneeId })}
        />
      </div>
      {update.isError && (
        <p className="notice notice--error" role="alert">
          {t('thread.updateError', { message: update.error.message })}
        </p>
      )}
    </header>
  );
}
