/**
 * "Escalate to ticket" in one step: category, priority, department, a summary prefilled from
 * what the owner wrote, an optional unit/location. The server tells the owner number and deadline.
 */
import { useState } from 'react';
import { TICKET_CATEGORIES, TICKET_PRIORITIES, type Ticket, type TicketCategory, type TicketPriority } from '../api/ticket-api';
import { useMessages } from '../hooks/use-messages';
import { useCreateTicket, useDepartments } from '../hooks/use-tickets';
import { useI18n } from '../i18n/i18n-context';
import { Modal } from './modal';

/** The owner's last few messages, oldest first: usually the complaint itself. */
function prefill(messages: { direction: string; private: boolean; content: string }[] | undefined): string {
  const inbound = (messages ?? []).filter((m) => m.direction === 'in' && m.content.trim()).slice(-3);
  return inbound.map((m) => m.content.trim()).join('\n').slice(0, 1000);
}

export function EscalateTicketDialog({ conversationId, onClose, onCreated }: { conversationId: string; onClose: () => void; onCreated: (t: Ticket) => void }) {
  const { t } = useI18n();
  const departments = useDepartments();
  const messages = useMessages(conversationId);
  const create = useCreateTicket(conversationId);
  const [category, setCategory] = useState<TicketCategory>('repair');
  const [priority, setPriority] = useState<TicketPriority>('normal');
  const [departmentId, setDepartmentId] = useState('');
  const [summary, setSummary] = useState<string | null>(null);
  const [location, setLocation] = useState('');
  const text = summary ?? prefill(messages.data?.data);
  const department = departmentId || departments.data?.[0]?.id || '';

  return (
    <Modal title={t('tk.escalate.title')} onClose={onClose} testId="escalate-dialog">
      <form
        className="tk-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { category, priority, departmentId: department, summary: text.trim(), location: location.trim() || null },
            { onSuccess: onCreated },
          );
        }}
      >
        <label className="field">
          <span className="field__label">{t('tk.field.category')}</span>
          <select className="select" value={category} onChange={(e) => setCategory(e.target.value as TicketCategory)} data-testid="escalate-category">
            {TICKET_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`tk.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('tk.field.priority')}</span>
          <select className="select" value={priority} onChange={(e) => setPriority(e.target.value as TicketPriority)} data-testid="escalate-priority">
            {TICKET_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`tk.priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('tk.field.department')}</span>
          <select className="select" value={department} onChange={(e) => setDepartmentId(e.target.value)} data-testid="escalate-department">
            {(departments.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('tk.field.summary')}</span>
          <textarea className="input" rows={4} value={text} onChange={(e) => setSummary(e.target.value)} required maxLength={4000} data-testid="escalate-summary" />
        </label>
        <label className="field">
          <span className="field__label">{t('tk.field.location')}</span>
          <input className="input" value={location} onChange={(e) => setLocation(e.target.value)} maxLength={200} data-testid="escalate-location" />
        </label>
        {create.isError && (
          <p className="notice notice--error" role="alert">
            {t('tk.escalate.error', { message: create.error.message })}
          </p>
        )}
        <div className="tk-form__buttons">
          <button type="button" className="button" onClick={onClose}>
            {t('tk.escalate.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={create.isPending || !department || !text.trim()} data-testid="escalate-submit">
            {t('tk.escalate.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
