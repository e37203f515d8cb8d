import { useI18n } from '../i18n/i18n-context';
import type { ConnectionState } from '../realtime/use-realtime';

/** Visible whenever live updates are not flowing, so nobody works from a stale inbox unknowingly. */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  const { t } = useI18n();
  if (state.status === 'connected' || state.status === 'connecting') return null;
  const text =
    state.status === 'reconnecting'
      ? t('connection.reconnecting')
      : state.error
        ? t('connection.error', { message: state.error })
        : t('connection.errorNoReason');
  return (
    <div className="banner banner--warning" role="alert" data-testid="connection-banner" data-state={state.status}>
      {text}
    </div>
  );
}
