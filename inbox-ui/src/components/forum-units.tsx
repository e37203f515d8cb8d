/**
 * Owners' stated units waiting for staff: confirm (linking the forum account to a matching
 * contact, so the inbox shows one person across channels) or decline with a note.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { confirmClaim, fetchClaims, forumKeys, rejectClaim, type UnitClaim } from '../api/forum-api';
import { useI18n } from '../i18n/i18n-context';

export function ForumUnitClaims() {
  const { t } = useI18n();
  const claims = useQuery({ queryKey: forumKeys.claims, queryFn: fetchClaims });
  if (claims.isError) return <p className="notice notice--error">{t('forum.error', { message: claims.error.message })}</p>;
  const list = claims.data?.data ?? [];
  return (
    <div>
      <h2>{t('forum.units.title')}</h2>
      {claims.isSuccess && list.length === 0 && <p className="muted">{t('forum.units.empty')}</p>}
      {list.map((c) => (
        <Claim key={c.accountId} claim={c} />
      ))}
    </div>
  );
}

function Claim({ claim }: { claim: UnitClaim }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [contactId, setContactId] = useState(claim.candidates[0]?.id ?? '');
  const [note, setNote] = useState('');
  const done = { onSettled: () => void client.invalidateQueries({ queryKey: forumKeys.all }) };
  const confirm = useMutation({ mutationFn: () => confirmClaim(claim.accountId, contactId || null), ...done });
  const reject = useMutation({ mutationFn: () => rejectClaim(claim.accountId, note.trim()), ...done });
  const error = confirm.error ?? reject.error;
  return (
    <section className="forum-section" data-testid="forum-unit-claim">
      <p>
        <strong>{claim.displayName}</strong> · {claim.email} · {t('forum.units.claims', { unit: claim.unit })}
      </p>
      {error && <p className="notice notice--error">{t('forum.error', { message: error.message })}</p>}
      <div className="forum-actions">
        <select value={contactId} onChange={(e) => setContactId(e.target.value)} aria-label={t('forum.units.linkTo')}>
          {claim.candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {t('forum.units.candidate', { name: c.name, unit: c.unit ?? '—' })}
            </option>
          ))}
          <option value="">{t('forum.units.noMatch')}</option>
        </select>
        <button type="button" className="button button--primary button--small" onClick={() => confirm.mutate()} data-testid="forum-unit-confirm">
          {t('forum.units.confirm')}
        </button>
        <input type="text" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('forum.units.notePlaceholder')} aria-label={t('forum.units.note')} maxLength={300} />
        <button type="button" className="button button--small" disabled={!note.trim()} onClick={() => reject.mutate()}>
          {t('forum.units.reject')}
        </button>
      </div>
    </section>
  );
}
