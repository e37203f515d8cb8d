import type { Delivery } from '../api/types';
import { useRetryMessage } from '../hooks/use-retry-message';
import { useI18n } from '../i18n/i18n-context';

const ICONS: Record<Delivery['status'], string> = { queued: '⏳', sending: '⏳', sent: '✓', failed: '✗' };

interface Props {
  delivery: Delivery;
  conversationId: string;
  messageId: string;
  /** The message's meta: a delay notice puts `deliveryWarning` there (the reply is not failed). */
  meta?: Record<string, unknown>;
}

/** `meta.deliveryWarning` of a reply whose delivery the receiving server reported delayed. */
function delayWarning(meta: Record<string, unknown> | undefined): { status: string | null } | null {
  const w = meta?.deliveryWarning;
  if (typeof w !== 'object' || w === null || (w as { kind?: unknown }).kind !== 'delayed') return null;
  const status = (w as { status?: unknown }).status;
  return { status: typeof status === 'string' ? status : null };
}

export function DeliveryStatus({ delivery, conversationId, messageId, meta }: Props) {
  const { t } = useI18n();
  const retry = useRetryMessage(conversationId);
  const failed = delivery.status === 'failed';
  const delayed = failed ? null : delayWarning(meta);
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
      {delayed && (
        <span className="delivery__warning" role="status" data-testid="delivery-warning">
          {' '}⚠ {delayed.status ? t('delivery.delayed', { status: delayed.status }) : t('delivery.delayedNoStatus')}
        </span>
      )}
      {retry.isError && <span className="delivery__retry-error">{t('delivery.retryError', { message: retry.error.message })}</span>}
    </div>
  );
}
