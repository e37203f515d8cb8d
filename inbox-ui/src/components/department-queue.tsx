/** A department's queue: its tickets, most urgent deadline first, filterable by status. */
import { useState } from 'react';
import type { Ticket, TicketFilter } from '../api/ticket-api';
import { useDepartments, useTickets } from '../hooks/use-tickets';
import { useI18n } from '../i18n/i18n-context';
import { TicketCard } from './ticket-card';

const STATUSES: TicketFilter['status'][] = ['open', 'all', 'new', 'dispatched', 'in_progress', 'on_hold', 'reopened', 'resolved', 'followed_up', 'closed'];

/** The deadline a queue is worked by: the first response until given, then the resolution. */
function nextDue(t: Ticket): number {
  if (!t.sla) return Number.MAX_SAFE_INTEGER;
  const target = t.sla.firstResponse.done ? t.sla.resolution : t.sla.firstResponse;
  return target.done ? Number.MAX_SAFE_INTEGER : Date.parse(target.dueAt);
}

export function DepartmentQueue({ departmentId, onOpenTicket, onBack }: { departmentId: string; onOpenTicket: (id: string) => void; onBack: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<TicketFilter['status']>('open');
  const departments = useDepartments();
  const tickets = useTickets({ status, departmentId });
  const name = departments.data?.find((d) => d.id === departmentId)?.name ?? '';
  const sorted = [...(tickets.data ?? [])].sort((a, b) => nextDue(a) - nextDue(b));
  return (
    <section className="tk-queue" data-testid="department-queue">
      <header className="tk-queue__head">
        <button type="button" className="button button--ghost button--small" onClick={onBack}>
          ← {t('tk.queue.back')}
        </button>
        <h2 className="tk-queue__title">{t('tk.queue.title', { name })}</h2>
        <label className="tk-inline">
          <span>{t('tk.queue.filter')}</span>
          <select className="select" value={status} onChange={(e) => setStatus(e.target.value as TicketFilter['status'])} data-testid="queue-status">
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'open' ? t('tk.queue.open') : s === 'all' ? t('tk.queue.all') : t(`tk.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      {tickets.isError && <p className="notice notice--error">{t('tk.error', { message: tickets.error.message })}</p>}
      {!tickets.data && !tickets.isError && <p className="muted pad">{t('app.loading')}</p>}
      <div className="tk-queue__list">
        {sorted.map((ticket) => (
          <TicketCard key={ticket.id} ticket={ticket} receivedAt={tickets.dataUpdatedAt} onOpen={onOpenTicket} />
        ))}
        {tickets.data?.length === 0 && <p className="muted pad">{t('tk.board.empty')}</p>}
      </div>
    </section>
  );
}
