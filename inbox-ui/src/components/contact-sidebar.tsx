/** The owner beside the thread: details, channels, history, tickets; merge and undo. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mergeContact, search, undoMerge } from '../api/workspace-endpoints';
import { useContact } from '../hooks/use-workspace-data';
import { useI18n } from '../i18n/i18n-context';
import { formatFullTime } from '../lib/format-time';
import { ChannelBadge } from './channel-badge';
import { ContactUnits } from './contact-units';

export function ContactSidebar({ contactId, onOpenConversation, onClose }: { contactId: string; onOpenConversation: (id: string) => void; onClose: () => void }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const contact = useContact(contactId);
  const [q, setQ] = useState('');
  const candidates = useQuery({ queryKey: ['contact-merge-search', q], queryFn: ({ signal }) => search(q, signal), enabled: q.trim().length > 0 });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['contact'] });
    void client.invalidateQueries({ queryKey: ['conversations'] });
  };
  const merge = useMutation({ mutationFn: (otherId: string) => mergeContact(contactId, otherId), onSuccess: () => (setQ(''), refresh()) });
  const undo = useMutation({ mutationFn: undoMerge, onSuccess: refresh });
  const c = contact.data;

  return (
    <aside className="contact" aria-labelledby="contact-title" data-testid="contact-sidebar">
      <header className="contact__header">
        <h2 id="contact-title">{c?.name ?? t('ws.contact.title')}</h2>
        <button type="button" className="button button--ghost button--small" onClick={onClose} aria-label={t('ws.contact.close')}>
          ×
        </button>
      </header>
      {contact.isError && <p className="notice notice--error">{contact.error.message}</p>}
      {c && (
        <>
          <dl className="contact__fields">
            <dt>{t('ws.contact.unit')}</dt>
            <dd data-testid="contact-unit">{c.unit ?? '—'}</dd>
            <dt>{t('ws.contact.phone')}</dt>
            <dd>{c.phone ?? '—'}</dd>
            <dt>{t('ws.contact.email')}</dt>
            <dd>{c.email ?? '—'}</dd>
          </dl>
          <ContactUnits contactId={c.id} statedUnit={c.unit} />
          <h3>{t('ws.contact.identities')}</h3>
          <ul className="contact__list" data-testid="contact-identities">
            {c.identities.map((i) => (
              <li key={i.id}>
                <ChannelBadge channel={i.channel} /> {i.username ? `@${i.username}` : (i.displayName ?? i.externalId)}
              </li>
            ))}
          </ul>
          <h3>{t('ws.contact.history')}</h3>
          <ul className="contact__list">
            {c.conversations.map((conv) => (
              <li key={conv.id}>
                <button type="button" className="linklike" onClick={() => onOpenConversation(conv.id)}>
                  <ChannelBadge channel={conv.channel} /> {conv.lastMessage?.content ?? conv.subject ?? '—'}
                </button>
                <span className="muted"> · {formatFullTime(conv.lastMessageAt, locale)}</span>
              </li>
            ))}
          </ul>
          <h3>{t('ws.contact.tickets')}</h3>
          {c.tickets.length === 0 ? (
            <p className="muted">{t('ws.contact.none')}</p>
          ) : (
            <ul className="contact__list">
              {c.tickets.map((tk) => (
                <li key={tk.id}>
                  {tk.number} · {tk.status}
                </li>
              ))}
            </ul>
          )}
          {c.merges.length > 0 && (
            <>
              <h3>{t('ws.contact.merges')}</h3>
              <ul className="contact__list">
                {c.merges.map((m) => (
                  <li key={m.id}>
                    <button type="button" className="button button--small" onClick={() => undo.mutate(m.id)} data-testid="merge-undo">
                      {t('ws.contact.undo', { name: m.mergedName })}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{t('ws.contact.merge')}</h3>
          <input className="input" type="search" aria-label={t('ws.contact.mergeSearch')} placeholder={t('ws.contact.mergeSearch')} value={q} onChange={(e) => setQ(e.target.value)} />
          <ul className="contact__list">
            {(candidates.data?.contacts ?? [])
              .filter((x) => x.id !== c.id)
              .map((x) => (
                <li key={x.id}>
                  <button
                    type="button"
                    className="button button--small"
                    data-testid="merge-candidate"
                    onClick={() => {
                      if (window.confirm(t('ws.contact.mergeConfirm', { name: x.name, target: c.name }))) merge.mutate(x.id);
                    }}
                  >
                    {x.name} {x.unit ? `· ${x.unit}` : ''}
                  </button>
                </li>
              ))}
          </ul>
          {(merge.error ?? undo.error) && <p className="notice notice--error">{(merge.error ?? undo.error)?.message}</p>}
        </>
      )}
    </aside>
  );
}

