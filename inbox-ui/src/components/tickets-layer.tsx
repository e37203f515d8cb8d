/**
 * The ticket screens over the inbox (which stays mounted underneath, so its live connection
 * keeps running): the board, a department's queue, one ticket. Also shows escalation alerts.
 */
import { useTicketRoute } from '../hooks/use-ticket-route';
import { useI18n } from '../i18n/i18n-context';
import { useTicketEvents } from '../realtime/use-ticket-events';
import { DepartmentQueue } from './department-queue';
import { TicketBoard } from './ticket-board';
import { TicketView } from './ticket-view';
import '../tickets.css';

const REASONS = ['at_risk', 'breached', 'dissatisfied'] as const;
const ROLES = ['assignee', 'team_lead', 'supervisor', 'manager'] as const;
const pick = <T extends string>(list: readonly T[], value: string, fallback: T): T => ((list as readonly string[]).includes(value) ? (value as T) : fallback);

export function TicketsLayer() {
  const { t } = useI18n();
  const [route, go] = useTicketRoute();
  const { alerts, dismiss } = useTicketEvents();
  const openTicket = (ticketId: string) => go({ view: 'ticket', ticketId });
  const openConversation = (id: string) => {
    window.location.hash = `#/c/${encodeURIComponent(id)}`;
  };

  return (
    <>
      {alerts.length > 0 && (
        <div className="tk-alerts" role="status" aria-live="polite">
          {alerts.map((a) => (
            <div key={a.seq} className={`tk-alert tk-alert--${a.reason}`} data-testid="ticket-alert">
              <button type="button" className="tk-alert__text" onClick={() => openTicket(a.ticketId)}>
                {t('tk.alert.escalated', { number: a.number, role: t(`tk.role.${pick(ROLES, a.role, 'manager')}`), reason: t(`tk.reason.${pick(REASONS, a.reason, 'breached')}`) })}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => dismiss(a.seq)} aria-label={t('tk.alert.dismiss')}>
                ×
              </button>
            </div>
          ))}
        </div>
      )}
      {route && (
        <div className="tickets-layer" data-testid="tickets-layer">
          <div className="tickets-layer__bar">
            <button type="button" className="button button--small" onClick={() => go({ view: 'board' })} aria-pressed={route.view === 'board'} data-testid="tickets-board-link">
              {t('tk.board.title')}
            </button>
            <span className="app-header__spacer" />
            <button type="button" className="button button--ghost button--small" onClick={() => go(null)} data-testid="tickets-close">
              {t('tk.close')}
            </button>
          </div>
          <div className="tickets-layer__body">
            {route.view === 'board' && <TicketBoard onOpenTicket={openTicket} onOpenQueue={(departmentId) => go({ view: 'queue', departmentId })} />}
            {route.view === 'queue' && <DepartmentQueue departmentId={route.departmentId} onOpenTicket={openTicket} onBack={() => go({ view: 'board' })} />}
            {route.view === 'ticket' && <TicketView key={route.ticketId} ticketId={route.ticketId} onOpenConversation={openConversation} onBack={() => window.history.back()} />}
          </div>
        </div>
      )}
    </>
  );
}

/** The header's way to the ticket board. */
export function TicketsNavButton() {
  const { t } = useI18n();
  return (
    <a className="button button--small" href="#/t" data-testid="tickets-nav">
      {t('tk.nav')}
    </a>
  );
}
