/** One ticket in a board column, a queue or a thread: number, summary, status and the clock that matters now. */
import type { Ticket } from '../api/ticket-api';
import { useI18n } from '../i18n/i18n-context';
import { SlaCountdown } from './sla-countdown';

export function TicketCard({ ticket, receivedAt, onOpen }: { ticket: Ticket; receivedAt: number; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const sla = ticket.sla;
  // Until the owner has an answer the first-response clock is the urgent one.
  const first = sla && !sla.firstResponse.done;
  return (
    <button type="button" className={`ticket-card ticket-card--${ticket.priority}`} onClick={() => onOpen(ticket.id)} data-testid="ticket-card" data-number={ticket.number}>
      <span className="ticket-card__row">
        <span className="ticket-card__number">{ticket.number}</span>
        <span className={`tk-status tk-status--${ticket.status}`}>{t(`tk.status.${ticket.status}`)}</span>
        {ticket.escalationLevel > 0 && (
          <span className="tk-level" title={t('tk.view.level', { role: t(`tk.role.${ticket.escalationRole}`), level: ticket.escalationLevel })}>
            ↑{ticket.escalationLevel}
          </span>
        )}
      </span>
      <span className="ticket-card__summary">{ticket.summary}</span>
      <span className="ticket-card__row ticket-card__meta">
        <span>{t(`tk.category.${ticket.category}`)}</span>
        <span>{t(`tk.priority.${ticket.priority}`)}</span>
        <SlaCountdown
          label={first ? t('tk.target.firstResponse') : t('tk.target.resolution')}
          target={sla ? (first ? sla.firstResponse : sla.resolution) : null}
          paused={sla?.paused ?? false}
          asOf={ticket.asOf}
          receivedAt={receivedAt}
          testId="ticket-card-sla"
        />
      </span>
    </button>
  );
}
