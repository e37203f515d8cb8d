/** Logging a phone call or walk-in visit (来电 / 来访) for an existing or a new owner. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { logContact, search } from '../api/workspace-endpoints';
import { useI18n } from '../i18n/i18n-context';
import { Modal } from './modal';

export function LogContactDialog({ onClose, onLogged }: { onClose: () => void; onLogged: (conversationId: string) => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [channel, setChannel] = useState<'phone' | 'visit'>('phone');
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [q, setQ] = useState('');
  const [contactId, setContactId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [unit, setUnit] = useState('');
  const [subject, setSubject] = useState('');
  const [notes, setNotes] = useState('');
  const found = useQuery({ queryKey: ['log-contact-search', q], queryFn: ({ signal }) => search(q, signal), enabled: mode === 'existing' && q.trim().length > 0 });
  const save = useMutation({
    mutationFn: logContact,
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['conversations'] });
      onLogged(r.conversationId);
    },
  });
  const ready = notes.trim().length > 0 && (mode === 'new' ? name.trim().length > 0 : contactId !== null);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready) return;
    save.mutate({
      channel,
      notes: notes.trim(),
      subject: subject.trim() || undefined,
      ...(mode === 'existing' && contactId
        ? { contactId }
        : { newContact: { name: name.trim(), phone: phone.trim() || undefined, unit: unit.trim() || undefined } }),
    });
  }

  return (
    <Modal title={t('ws.log.title')} onClose={onClose} testId="log-dialog">
      <form className="form" onSubmit={submit}>
        <fieldset className="form__row">
          <legend>{t('ws.log.channel')}</legend>
          {(['phone', 'visit'] as const).map((c) => (
            <label key={c} className="toggle">
              <input type="radio" name="log-channel" value={c} checked={channel === c} onChange={() => setChannel(c)} data-testid={`log-channel-${c}`} />
              {t(`channel.${c}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="form__row">
          <legend className="visually-hidden">{t('ws.contact.title')}</legend>
          {(['new', 'existing'] as const).map((m) => (
            <label key={m} className="toggle">
              <input type="radio" name="log-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {t(m === 'new' ? 'ws.log.new' : 'ws.log.existing')}
            </label>
          ))}
        </fieldset>
        {mode === 'new' ? (
          <div className="form__grid">
            <label className="field">
              <span className="field__label">{t('ws.log.name')}</span>
              <input className="input" value={name} onChange={(e) => setName(e.target.value)} required data-testid="log-name" />
            </label>
            <label className="field">
              <span className="field__label">{t('ws.log.phone')}</span>
              <input className="input" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} data-testid="log-phone" />
            </label>
            <label className="field">
              <span className="field__label">{t('ws.log.unit')}</span>
              <input className="input" value={unit} onChange={(e) => setUnit(e.target.value)} data-testid="log-unit" />
            </label>
          </div>
        ) : (
          <div className="field">
            <input className="input" type="search" aria-label={t('ws.log.findContact')} placeholder={t('ws.log.findContact')} value={q} onChange={(e) => setQ(e.target.value)} />
            <ul className="contact__list">
              {(found.data?.contacts ?? []).map((c) => (
                <li key={c.id}>
                  <label className="toggle">
                    <input type="radio" name="log-contact" checked={contactId === c.id} onChange={() => setContactId(c.id)} />
                    {c.name} {c.unit ? `· ${c.unit}` : ''} {c.phone ? `· ${c.phone}` : ''}
                  </label>
                </li>
              ))}
            </ul>
          </div>
        )}
        <label className="field">
          <span className="field__label">{t('ws.log.subject')}</span>
          <input className="input" value={subject} onChange={(e) => setSubject(e.target.value)} data-testid="log-subject" />
        </label>
        <label className="field">
          <span className="field__label">{t('ws.log.notes')}</span>
          <textarea className="input" rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} required data-testid="log-notes" />
        </label>
        {save.isError && (
          <p className="notice notice--error" role="alert">
            {t('ws.log.error', { message: save.error.message })}
          </p>
        )}
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('ws.log.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={!ready || save.isPending} data-testid="log-save">
            {t('ws.log.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
