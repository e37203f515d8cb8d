/** What happened to a ticket: status changes with who and when, escalations, and who was notified how. */
import type { TicketDetail } from '../api/ticket-api';
import { useI18n } from '../i18n/i18n-context';

const REASONS = ['at_risk', 'breached', 'dissatisfied'] as const;
const ROLES = ['assignee', 'team_lead', 'supervisor', 'manager'] as const;
const NOTIFY = ['sent', 'pending', 'sending', 'not_configured', 'failed', 'no_recipient'] as const;
const pick = <T extends string>(list: readonly T[], value: string, fallback: T): T => ((list as readonly string[]).includes(value) ? (value as T) : fallback);

export function TicketHistory({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const when = (iso: string) => new Date(iso).toLocaleString();
  return (
    <>
      {ticket.escalations.length > 0 && (
        <section className="tk-view__section">
          <h3>{t('tk.view.escalations')}</h3>
          <ul className="tk-log" data-testid="ticket-escalations">
            {ticket.escalations.map((e, i) => (
              <li key={i} className={`tk-log__item tk-log__item--${e.reason}`}>
                <time>{when(e.at)}</time>{' '}
                {t('tk.view.escalatedTo', {
                  role: t(`tk.role.${pick(ROLES, e.role, 'manager')}`),
                  reason: t(`tk.reason.${pick(REASONS, e.reason, 'breached')}`),
                  target: e.target === 'first_response' ? t('tk.target.firstResponse') : e.target === 'resolution' ? t('tk.target.resolution') : '',
                })}
              </li>
            ))}
          </ul>
          <ul className="tk-log tk-log--notes">
            {ticket.notifications.map((n, i) => (
              <li key={i} className={`tk-note tk-note--${n.status}`}>
                {n.recipient?.name ?? '—'} · {n.channel === 'email' ? t('tk.channel.email') : t('tk.channel.inbox')} · {t(`tk.notify.${pick(NOTIFY, n.status, 'failed')}`)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="tk-view__section">
        <h3>{t('tk.view.history')}</h3>
        <ol className="tk-log" data-testid="ticket-history">
          {ticket.history.map((h, i) => (
            <li key={i} className="tk-log__item">
              <time>{when(h.at)}</time> {h.from ? `${t(`tk.status.${h.from}`)} → ` : ''}
              <strong>{t(`tk.status.${h.to}`)}</strong>{' '}
              <span className="muted">
                {h.actor.type === 'user' ? t('tk.view.by', { name: h.actor.name ?? '' }) : h.actor.type === 'owner' ? t('tk.actor.owner') : t('tk.actor.system')}
              </span>
              {h.note && <span className="tk-log__note"> — {h.note}</span>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
