/**
 * Binding the owner to a unit of the registry, for agents with contact.link: find the unit (the
 * owner's own words prefill the search), then confirm who the owner is on it — a person already on
 * the roster, or a new one. The agent does this after checking; the owner's words never bind.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { bindUnit, fetchEstates, fetchEstateUnits, fetchUnit } from '../api/unit-binding-endpoints';
import { workspaceKeys } from '../api/workspace-endpoints';
import { useI18n } from '../i18n/i18n-context';

export function ContactUnitBinder({ contactId, statedUnit }: { contactId: string; statedUnit: string | null }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [estateId, setEstateId] = useState('');
  const [q, setQ] = useState(statedUnit ?? '');
  const [unitId, setUnitId] = useState<string | null>(null);
  const estates = useQuery({ queryKey: ['estates'], queryFn: ({ signal }) => fetchEstates(signal) });
  const chosen = estateId || estates.data?.data[0]?.id || '';
  const hits = useQuery({ queryKey: ['estate-units', chosen, q], queryFn: ({ signal }) => fetchEstateUnits(chosen, q.trim(), signal), enabled: chosen !== '' && q.trim().length > 0 });
  const unit = useQuery({ queryKey: ['unit', unitId], queryFn: ({ signal }) => fetchUnit(unitId ?? '', signal), enabled: unitId !== null });
  const bind = useMutation({
    mutationFn: (personId?: string) => bindUnit(contactId, unitId ?? '', personId ? { personId } : {}),
    onSuccess: () => {
      setUnitId(null);
      void client.invalidateQueries({ queryKey: workspaceKeys.contactUnits(contactId) });
    },
  });
  if (estates.isSuccess && estates.data.data.length === 0) return null;

  return (
    <div className="contact__binder" data-testid="unit-binder">
      <h3>{t('ws.contact.bindTitle')}</h3>
      {(estates.data?.data.length ?? 0) > 1 && (
        <select className="input" aria-label={t('ws.contact.bindEstate')} value={chosen} onChange={(e) => (setEstateId(e.target.value), setUnitId(null))}>
          {estates.data?.data.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      )}
      <input
        className="input"
        type="search"
        aria-label={t('ws.contact.bindSearch')}
        placeholder={t('ws.contact.bindSearch')}
        value={q}
        onChange={(e) => (setQ(e.target.value), setUnitId(null))}
        data-testid="unit-binder-search"
      />
      {unitId === null && (
        <ul className="contact__list">
          {hits.data?.data.map((u) => (
            <li key={u.id}>
              <button type="button" className="linklike" onClick={() => setUnitId(u.id)} data-testid="unit-binder-hit">
                {u.building}栋{u.entrance ? `${u.entrance}单元` : ''}
                {u.number}
              </button>
            </li>
          ))}
          {hits.isSuccess && hits.data.data.length === 0 && <li className="muted">{t('ws.contact.bindNoUnit')}</li>}
        </ul>
      )}
      {unit.data && (
        <>
          <p className="muted">{t('ws.contact.bindWho')}</p>
          <ul className="contact__list">
            {unit.data.people.map((p) => (
              <li key={p.id}>
                <button type="button" className="button button--small" disabled={p.contactId !== null || bind.isPending} onClick={() => bind.mutate(p.id)} data-testid="unit-binder-person">
                  {t('ws.contact.bindAs', { name: p.name, role: t(`ws.contact.role.${p.role}`) })}
                </button>
              </li>
            ))}
            <li>
              <button type="button" className="button button--small" disabled={bind.isPending} onClick={() => bind.mutate(undefined)} data-testid="unit-binder-new">
                {t('ws.contact.bindNew')}
              </button>
            </li>
          </ul>
        </>
      )}
      {bind.error && <p className="notice notice--error">{bind.error.message}</p>}
    </div>
  );
}
