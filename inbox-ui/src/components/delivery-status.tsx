import type { Delivery } from '../api/types';
import { useConfirmMessageSent, useRetryMessage } from '../hooks/use-retry-message';
import { useI18n } from '../i18n/i18n-context';

const ICONS: Record<Delivery['status'], string> = { queued: '⏳', sending: '⏳', sent: '✓', failed: '✗', unknown: '?' };

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
  const unknown = delivery.status === 'unknown';
  const text = failed
    ? delivery.error
      ? t('delivery.failed', { error: delivery.error })
      : t('delivery.failedNoReason')
    : unknown
      ? delivery.error
        ? t('delivery.unknownReason', { reason: delivery.error })
        : t('delivery.unknown')
      : t(`delivery.${delivery.status}`);
  return (
    <div className={`delivery delivery--${delivery.status}`} data-testid="delivery-status">
      <span aria-hidden="true" className="delivery__icon">
        {ICONS[delivery.status]}
      </span>{' '}
      <span role={failed || unknown ? 'alert' : undefined}>{text}</span>
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
      {unknown && <UnknownActions conversationId={conversationId} messageId={messageId} resend={() => retry.mutate(messageId)} resending={retry.isPending} />}
      {retry.isError && <span className="delivery__retry-error">{t('delivery.retryError', { message: retry.error.message })}</span>}
    </div>
  );
}

/** "May have been sent": the agent checks with the owner, then confirms it arrived or resends it. */
function UnknownActions({ conversationId, messageId, resend, resending }: { conversationId: string; messageId: string; resend: () => void; resending: boolean }) {
  const { t } = useI18n();
  const confirm = useConfirmMessageSent(conversationId);
  const busy = resending || confirm.isPending;
  return (
    <>
      <button
        type="button"
        className="button button--small delivery__retry"
        data-testid="delivery-confirm-sent"
        disabled={busy}
        onClick={() => confirm.mutate(messageId)}
      >
        {t('delivery.confirmSent')}
      </button>
      <button type="button" className="button button--small delivery__retry" data-testid="delivery-resend" disabled={busy} onClick={resend}>
        {t('delivery.resend')}
      </button>
      {confirm.isError && <span className="delivery__retry-error">{t('delivery.confirmError', { message: confirm.error.message })}</span>}
    </>
  );
}
