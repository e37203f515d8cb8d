/** A live countdown to one SLA deadline: neutral, then amber at the warning moment, red once overdue. */
import type { SlaTarget } from '../api/ticket-api';
import { useNow } from '../hooks/use-now';
import { useI18n } from '../i18n/i18n-context';
import { countdown, formatDuration, serverNow } from '../lib/sla-countdown';

export function SlaCountdown({
  label,
  target,
  paused,
  asOf,
  receivedAt,
  testId,
}: {
  label: string;
  target: SlaTarget | null;
  paused: boolean;
  asOf: string;
  receivedAt: number;
  testId: string;
}) {
  const { t } = useI18n();
  const now = useNow(1000);
  if (!target) {
    return (
      <span className="sla sla--none" data-testid={testId} data-tone="none">
        {label}: {t('tk.countdown.none')}
      </span>
    );
  }
  const c = countdown(target, serverNow(asOf, receivedAt, now), paused);
  const time = formatDuration(c.remainingMs);
  const text =
    c.tone === 'met'
      ? t('tk.countdown.met')
      : c.tone === 'late'
        ? t('tk.countdown.late')
        : c.tone === 'paused'
          ? t('tk.countdown.paused', { time })
          : c.remainingMs < 0
            ? t('tk.countdown.overdue', { time })
            : t('tk.countdown.left', { time });
  return (
    <span className={`sla sla--${c.tone}`} data-testid={testId} data-tone={c.tone} title={new Date(target.dueAt).toLocaleString()}>
      <span className="sla__label">{label}</span> <span className="sla__time">{text}</span>
    </span>
  );
}
