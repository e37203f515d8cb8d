/** One ticket: its clocks, the status changes it allows, who works it and who answers for it, and what happened. */
import { useState } from 'react';
import type { TicketDetail, TicketStatus } from '../api/ticket-api';
import { useChangeTicket, useDepartments, useTicket } from '../hooks/use-tickets';
import { useUsers } from '../hooks/use-users';
import { useI18n } from '../i18n/i18n-context';
import { SlaCountdown } from './sla-countdown';
import { TicketFollowUp } from './ticket-follow-up';
import { TicketHistory } from './ticket-history';

export function TicketView({ ticketId, onOpenConversation, onBack }: { ticketId: string; onOpenConversation: (id: string) => void; onBack: () => void }) {
  const { t } = useI18n();
  const query = useTicket(ticketId);
  if (query.isError) return <p className="notice notice--error">{t('tk.error', { message: query.error.message })}</p>;
  if (!query.data) return <p className="muted pad">{t('app.loading')}</p>;
  return <TicketDetails ticket={query.data} receivedAt={query.dataUpdatedAt} onOpenConversation={onOpenConversation} onBack={onBack} />;
}

function TicketDetails({ ticket, receivedAt, onOpenConversation, onBack }: { ticket: TicketDetail; receivedAt: number; onOpenConversation: (id: string) => void; onBack: () => void }) {
  const { t } = useI18n();
  const change = useChangeTicket(ticket);
  const users = useUsers();
  const departments = useDepartments();
  const [note, setNote] = useState('');
  const move = (status: TicketStatus) => change.mutate({ status, ...(note.trim() ? { note: note.trim() } : {}) }, { onSuccess: () => setNote('') });

  return (
    <article className="tk-view" data-testid="ticket-view" data-status={ticket.status} data-version={ticket.version}>
      <header className="tk-view__head">
        <button type="button" className="button button--ghost button--small" onClick={onBack}>
          ←
        </button>
        <h2 className="tk-view__number" data-testid="ticket-number">
          {ticket.number}
        </h2>
        <span className={`tk-status tk-status--${ticket.status}`} data-testid="ticket-status">
          {t(`tk.status.${ticket.status}`)}
        </span>
        <span className={`tk-priority tk-priority--${ticket.priority}`}>{t(`tk.priority.${ticket.priority}`)}</span>
        <span>{t(`tk.category.${ticket.category}`)}</span>
        {ticket.escalationLevel > 0 && (
          <span className="tk-level" data-testid="ticket-level" data-level={ticket.escalationLevel}>
            {t('tk.view.level', { role: t(`tk.role.${ticket.escalationRole}`), level: ticket.escalationLevel })}
          </span>
        )}
      </header>
      <p className="tk-view__summary">{ticket.summary}</p>
      {ticket.location && <p className="muted">{t('tk.view.location', { text: ticket.location })}</p>}

      <div className="tk-view__clocks">
        <SlaCountdown label={t('tk.target.firstResponse')} target={ticket.sla?.firstResponse ?? null} paused={ticket.sla?.paused ?? false} asOf={ticket.asOf} receivedAt={receivedAt} testId="sla-first-response" />
        <SlaCountdown label={t('tk.target.resolution')} target={ticket.sla?.resolution ?? null} paused={ticket.sla?.paused ?? false} asOf={ticket.asOf} receivedAt={receivedAt} testId="sla-resolution" />
      </div>

      <dl className="tk-view__facts">
        <dt>{t('tk.field.department')}</dt>
        <dd>
          <select
            className="select"
            value={ticket.departmentId}
            disabled={change.isPending}
            onChange={(e) => change.mutate({ departmentId: e.target.value })}
            aria-label={t('tk.field.department')}
          >
            {(departments.data ?? [ticket.department]).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </dd>
        <dt>{t('tk.field.assignee')}</dt>
        <dd>
          <select
            className="select"
            value={ticket.assignee?.id ?? ''}
            disabled={change.isPending}
            onChange={(e) => change.mutate({ assigneeId: e.target.value || null })}
            aria-label={t('tk.field.assignee')}
            data-testid="ticket-assignee"
          >
            <option value="">{t('tk.view.unassigned')}</option>
            {(users.data ?? (ticket.assignee ? [ticket.assignee] : [])).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </dd>
        <dt>{t('tk.view.accountable')}</dt>
        <dd data-testid="ticket-accountable">{ticket.accountableAgent?.name ?? '—'}</dd>
        {ticket.contact && (
          <>
            <dt>{t('tk.view.owner')}</dt>
            <dd>{ticket.contact.name}</dd>
          </>
        )}
        {ticket.closeReason && (
          <>
            <dt>{t('tk.view.closeReason')}</dt>
            <dd>{t(`tk.close.${closeReasonKey(ticket.closeReason)}`)}</dd>
          </>
        )}
      </dl>

      {ticket.conversationIds.length > 0 && (
        <p className="tk-view__links">
          {ticket.conversationIds.map((id, i) => (
            <button key={id} type="button" className="button button--small" onClick={() => onOpenConversation(id)}>
              {t('tk.view.openConversation')} {ticket.conversationIds.length > 1 ? i + 1 : ''}
            </button>
          ))}
        </p>
      )}

      {ticket.allowedTransitions.length > 0 && (
        <section className="tk-view__actions" aria-label={t('tk.view.move')}>
          <input className="input" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('tk.field.note')} aria-label={t('tk.field.note')} maxLength={2000} />
          <div className="tk-view__buttons">
            {ticket.allowedTransitions.map((s) => (
              <button key={s} type="button" className={`button tk-action tk-action--${s}`} disabled={change.isPending} onClick={() => move(s)} data-testid={`ticket-action-${s}`}>
                {t(`tk.action.${s}`)}
              </button>
            ))}
          </div>
        </section>
      )}
      {change.isError && (
        <p className="notice notice--error" role="alert">
          {t('tk.view.changeError', { message: change.error.message })}
        </p>
      )}

      <TicketFollowUp ticket={ticket} />
      <TicketHistory ticket={ticket} />
    </article>
  );
}

const CLOSE_REASONS = ['satisfied', 'no_feedback', 'merged', 'manual'] as const;
function closeReasonKey(reason: string): (typeof CLOSE_REASONS)[number] {
  return (CLOSE_REASONS as readonly string[]).includes(reason) ? (reason as (typeof CLOSE_REASONS)[number]) : 'manual';
}
