/** The board of open tickets, one column per department; a column's title opens that department's queue. */
import type { Department, Ticket } from '../api/ticket-api';
import { useDepartments, useTickets } from '../hooks/use-tickets';
import { useI18n } from '../i18n/i18n-context';
import { TicketCard } from './ticket-card';

export function TicketBoard({ onOpenTicket, onOpenQueue }: { onOpenTicket: (id: string) => void; onOpenQueue: (departmentId: string) => void }) {
  const { t } = useI18n();
  const departments = useDepartments();
  const tickets = useTickets({ status: 'open' });
  if (departments.isError || tickets.isError) {
    return <p className="notice notice--error">{t('tk.error', { message: (departments.error ?? tickets.error)?.message ?? '' })}</p>;
  }
  if (!departments.data || !tickets.data) return <p className="muted pad">{t('app.loading')}</p>;
  const byDepartment = (d: Department): Ticket[] => tickets.data.filter((x) => x.departmentId === d.id);
  return (
    <div className="tk-board" data-testid="ticket-board">
      {departments.data
        .filter((d) => d.active)
        .map((d) => {
          const list = byDepartment(d);
          return (
            <section key={d.id} className="tk-board__column" aria-labelledby={`tk-col-${d.id}`} data-testid="ticket-board-column" data-department={d.name}>
              <header className="tk-board__head">
                <button type="button" id={`tk-col-${d.id}`} className="button button--ghost tk-board__title" onClick={() => onOpenQueue(d.id)} data-testid="ticket-board-queue">
                  {d.name}
                </button>
                <span className="muted">{t('tk.board.count', { count: list.length })}</span>
              </header>
              <div className="tk-board__cards">
                {list.map((ticket) => (
                  <TicketCard key={ticket.id} ticket={ticket} receivedAt={tickets.dataUpdatedAt} onOpen={onOpenTicket} />
                ))}
                {list.length === 0 && <p className="muted tk-board__empty">{t('tk.board.empty')}</p>}
              </div>
            </section>
          );
        })}
    </div>
  );
}
