import type { Delivery } from '../api/types';
import { useI18n } from '../i18n/i18n-context';

const ICONS: Record<Delivery['status'], string> = { queued: '⏳', sending: '⏳', sent: '✓', failed: '✗' };

export function DeliveryStatus({ delivery }: { delivery: Delivery }) {
  const { t } = useI18n();
  const text =
    delivery.status === 'failed'
      ? delivery.error
        ? t('delivery.failed', { error: delivery.error })
        : t('delivery.failedNoReason')
      : t(`delivery.${delivery.status}`);
  return (
    <span className={`delivery delivery--${delivery.status}`} data-testid="delivery-status" role={delivery.status === 'failed' ? 'alert' : undefined}>
      <span aria-hidden="true" className="delivery__icon">
        {ICONS[delivery.status]}
      </span>{' '}
      {text}
    </span>
  );
}
