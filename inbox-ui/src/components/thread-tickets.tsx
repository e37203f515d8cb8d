/** In the open conversation: its tickets (each opens the ticket view) and the "escalate to ticket" action. */
import { useState } from 'react';
import { useTickets } from '../hooks/use-tickets';
import { ticketHash } from '../hooks/use-ticket-route';
import { useI18n } from '../i18n/i18n-context';
import { EscalateTicketDialog } from './escalate-ticket-dialog';

export function ThreadTickets({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const tickets = useTickets({ status: 'all', conversationId });
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <div className="thread-tickets" data-testid="thread-tickets">
      <span className="muted">{t('tk.thread.tickets')}</span>
      {(tickets.data ?? []).map((ticket) => (
        <a key={ticket.id} className={`tk-chip tk-status--${ticket.status}`} href={ticketHash({ view: 'ticket', ticketId: ticket.id })} data-testid="thread-ticket">
          {ticket.number} · {t(`tk.status.${ticket.status}`)}
        </a>
      ))}
      <button type="button" className="button button--small" onClick={() => setOpen(true)} data-testid="escalate-open">
        {t('tk.escalate.open')}
      </button>
      {created && (
        <span className="notice notice--info" role="status" data-testid="escalate-created">
          {t('tk.escalate.created', { number: created })}
        </span>
      )}
      {open && (
        <EscalateTicketDialog
          conversationId={conversationId}
          onClose={() => setOpen(false)}
          onCreated={(ticket) => {
            setOpen(false);
            setCreated(ticket.number);
          }}
        />
      )}
    </div>
  );
}
