/** The follow-up visit (回访) and the owner's rating; an agent can record a visit made by phone. */
import { useState } from 'react';
import type { TicketDetail } from '../api/ticket-api';
import { useRecordFollowUp } from '../hooks/use-tickets';
import { useI18n } from '../i18n/i18n-context';

export function TicketFollowUp({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const record = useRecordFollowUp(ticket);
  const [note, setNote] = useState('');
  const [score, setScore] = useState('');
  const f = ticket.followUp;
  if (!f) return null;
  const canRecord = !f.answeredAt && (ticket.status === 'resolved' || ticket.status === 'closed');
  return (
    <section className="tk-view__section" data-testid="ticket-follow-up">
      <h3>{t('tk.view.followUp')}</h3>
      <p className={f.due && !f.completedAt ? 'tk-due' : 'muted'}>{t('tk.view.followUpDue', { time: new Date(f.dueAt).toLocaleString() })}</p>
      {f.score !== null ? (
        <p data-testid="ticket-survey-score">{t('tk.view.survey', { score: f.score })}</p>
      ) : (
        f.surveySentAt && <p className="muted">{t('tk.view.surveyPending')}</p>
      )}
      {f.comment && <p>{t('tk.view.comment', { text: f.comment })}</p>}
      {canRecord && (
        <form
          className="tk-inline"
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate({ ...(note.trim() ? { note: note.trim() } : {}), ...(score ? { score: Number(score) } : {}) });
          }}
        >
          <input className="input" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('tk.field.note')} aria-label={t('tk.field.note')} />
          <select className="select" value={score} onChange={(e) => setScore(e.target.value)} aria-label={t('tk.view.score')}>
            <option value="">{t('tk.view.score')}</option>
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small" disabled={record.isPending}>
            {t('tk.view.record')}
          </button>
        </form>
      )}
      {record.isError && <p className="notice notice--error">{t('tk.view.changeError', { message: record.error.message })}</p>}
    </section>
  );
}
