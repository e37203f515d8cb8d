/** Search over messages and owners in the header, with highlighted hits. */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { search, workspaceKeys } from '../api/workspace-endpoints';
import { useI18n } from '../i18n/i18n-context';
import { formatFullTime } from '../lib/format-time';
import { ChannelBadge } from './channel-badge';
import { Highlighted } from './highlighted';

export const SEARCH_INPUT_ID = 'workspace-search';

export function SearchBox({ onOpen }: { onOpen: (conversationId: string) => void }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const result = useQuery({ queryKey: workspaceKeys.search(q), queryFn: ({ signal }) => search(q, signal), enabled: q.length > 0 });
  const close = () => (setText(''), setQ(''));

  return (
    <div className="search" role="search">
      <input
        id={SEARCH_INPUT_ID}
        className="input search__input"
        type="search"
        aria-label={t('ws.search.label')}
        placeholder={t('ws.search.placeholder')}
        data-testid="search-input"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && close()}
      />
      {q && result.data && (
        <div className="search__results" data-testid="search-results">
          <button type="button" className="button button--ghost button--small search__close" onClick={close} aria-label={t('ws.search.close')}>
            ×
          </button>
          {result.data.messages.length === 0 && result.data.contacts.length === 0 && <p className="muted pad">{t('ws.search.none', { q })}</p>}
          {result.data.contacts.length > 0 && (
            <section aria-label={t('ws.search.contacts')}>
              <h3 className="search__heading">{t('ws.search.contacts')}</h3>
              <ul>
                {result.data.contacts.map((c) => (
                  <li key={c.id} className="search__hit" data-testid="search-contact">
                    <Highlighted snippet={c.snippet} />
                  </li>
                ))}
              </ul>
            </section>
          )}
          {result.data.messages.length > 0 && (
            <section aria-label={t('ws.search.messages')}>
              <h3 className="search__heading">{t('ws.search.messages')}</h3>
              <ul>
                {result.data.messages.map((m) => (
                  <li key={m.messageId}>
                    <button type="button" className="search__hit" data-testid="search-hit" onClick={() => (onOpen(m.conversationId), close())}>
                      <span className="search__meta">
                        <strong>{m.contactName}</strong> <ChannelBadge channel={m.channel} /> {m.private && <span className="msg__tag">{t('ws.search.private')}</span>}{' '}
                        <span className="muted">{formatFullTime(m.createdAt, locale)}</span>
                      </span>
                      <span className="search__snippet">
                        <Highlighted snippet={m.snippet} />
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
