import type { Delivery } from '../api/types';
import { useRetryMessage } from '../hooks/use-retry-message';
import { useI18n } from '../i18n/i18n-context';

const ICONS: Record<Delivery['status'], string> = { queued: '⏳', sending: '⏳', sent: '✓', failed: '✗' };

interface Props {
  delivery: Delivery;
  conversationId: string;
  messageId: string;
}

export function DeliveryStatus({ delivery, conversationId, messageId }: Props) {
  const { t } = useI18n();
  const retry = useRetryMessage(conversationId);
  const failed = delivery.status === 'failed';
  const text = failed
    ? delivery.error
      ? t('delivery.failed', { error: delivery.error })
      : t('delivery.failedNoReason')
    : t(`delivery.${delivery.status}`);
  return (
    <div className={`delivery delivery--${delivery.status}`} data-testid="delivery-status">
      <span aria-hidden="true" className="delivery__icon">
        {ICONS[delivery.status]}
      </span>{' '}
      <span role={failed ? 'alert' : undefined}>{text}</span>
      {failed && (
        <button
          type="button"
          className="button button--small delivery__retry"
          data-testid="delivery-retry"
          disabled={retry.isPending}
          onClick={() => retry.mutate(messageId)}
        >
          {t('delivery.retry')}
        </button>
      )}
      {retry.isError && <span className="delivery__retry-error">{t('delivery.retryError', { message: retry.error.message })}</span>}
    </div>
  );
}
