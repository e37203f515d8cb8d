/**
 * The time left to reply on a channel with a reply window (`replyWindowHours`, WeChat: 48 h
 * after the owner's last message). Shown in the composer; after it closes the platform
 * refuses replies, so the agent sees that before typing one.
 */
import { useMessages } from '../hooks/use-messages';
import { useNow } from '../hooks/use-now';
import { useI18n } from '../i18n/i18n-context';

export function ReplyWindow({ conversationId, hours }: { conversationId: string; hours: number }) {
  const { t } = useI18n();
  const messages = useMessages(conversationId);
  const now = useNow(60_000);
  // The owner's last message, whatever order the page holds them in.
  const lastIn = Math.max(...(messages.data?.data ?? []).filter((m) => m.direction === 'in').map((m) => new Date(m.createdAt).getTime()));
  if (!Number.isFinite(lastIn)) return null;
  const left = lastIn + hours * 3600_000 - now;
  if (left <= 0) {
    return (
      <span className="composer__hint mb-status__error" data-testid="reply-window" data-open="false">
        {t('composer.windowClosed', { hours: String(hours) })}
      </span>
    );
  }
  const h = Math.floor(left / 3600_000);
  const m = Math.floor((left % 3600_000) / 60_000);
  return (
    <span className="composer__hint muted" data-testid="reply-window" data-open="true">
      {t('composer.windowLeft', { hours: String(h), minutes: String(m) })}
    </span>
  );
}
