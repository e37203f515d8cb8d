import type { Message } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { formatFullTime, formatMessageTime } from '../lib/format-time';
import { DeliveryStatus } from './delivery-status';
import { MessageContent } from './message-content';

export function MessageItem({ message, conversationId, now }: { message: Message; conversationId: string; now: number }) {
  const { t, locale } = useI18n();
  const system = message.sender.type === 'system';
  const bot = message.sender.type === 'bot';
  const classes = ['msg', `msg--${message.direction}`];
  if (message.private) classes.push('msg--private');
  if (system) classes.push('msg--system');
  const senderName = message.sender.name || t(`sender.${message.sender.type}`);

  return (
    <article
      className={classes.join(' ')}
      data-testid="message"
      data-message-id={message.id}
      data-direction={message.direction}
      data-delivery={message.delivery?.status ?? 'none'}
      data-private={message.private ? 'true' : 'false'}
      aria-label={message.direction === 'in' ? t('message.inbound') : t('message.outbound')}
    >
      <header className="msg__meta">
        <span className="msg__sender">{senderName}</span>
        {/* The owner was answered by the bot, not a person: agents must see that at a glance. */}
        {bot && (
          <span className="msg__tag msg__tag--bot" data-testid="message-bot-badge">
            {t('message.bot')}
          </span>
        )}
        {message.private && <span className="msg__tag">{t('message.private')}</span>}
        {!message.private && (message.meta?.forumVisibility === 'public' || message.meta?.forumVisibility === 'private') && (
          <span className="msg__tag" data-testid="message-forum-visibility">
            {t(message.meta.forumVisibility === 'public' ? 'forum.msg.public' : 'forum.msg.private')}
          </span>
        )}
        <time dateTime={message.createdAt} title={formatFullTime(message.createdAt, locale)}>
          {formatMessageTime(message.createdAt, now, locale)}
        </time>
        {message.edited && (
          <span className="msg__edited" data-testid="message-edited">
            {t('message.edited')}
          </span>
        )}
      </header>
      <MessageContent message={message} />
      {message.delivery && !message.private && <DeliveryStatus delivery={message.delivery} conversationId={conversationId} messageId={message.id} meta={message.meta} />}
    </article>
  );
}
