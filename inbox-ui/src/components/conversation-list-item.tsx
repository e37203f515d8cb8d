import type { Conversation } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { formatFullTime, formatRelative } from '../lib/format-time';
import { ChannelBadge } from './channel-badge';

interface Props {
  conversation: Conversation;
  selected: boolean;
  now: number;
  onSelect: (id: string) => void;
}

export function ConversationListItem({ conversation, selected, now, onSelect }: Props) {
  const { t, locale } = useI18n();
  const last = conversation.lastMessage;
  const text = last ? last.content.trim() || t('list.noText') : t('list.noMessages');
  const preview = last?.direction === 'out' ? t('list.previewOut', { text }) : text;
  const unread = conversation.unreadCount;

  return (
    <li>
      <button
        type="button"
        className={`conv-item${selected ? ' conv-item--selected' : ''}${unread > 0 ? ' conv-item--unread' : ''}`}
        data-testid="conversation-item"
        data-conversation-id={conversation.id}
        data-status={conversation.status}
        data-unread={unread}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(conversation.id)}
      >
        <span className="conv-item__row">
          <span className="conv-item__name">{conversation.contact.name || t('contact.unknown')}</span>
          <ChannelBadge channel={conversation.channel} />
          <time className="conv-item__time" dateTime={conversation.lastMessageAt} title={formatFullTime(conversation.lastMessageAt, locale)}>
            {formatRelative(conversation.lastMessageAt, now, locale)}
          </time>
        </span>
        {conversation.subject && <span className="conv-item__subject">{conversation.subject}</span>}
        <span className="conv-item__row">
          <span className="conv-item__preview">{preview}</span>
          {unread > 0 && (
            <span className="unread-badge" aria-label={t('list.unread', { count: unread })} data-testid="unread-badge">
              {unread}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
