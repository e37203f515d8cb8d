/**
 * The owner's verified units on the sidebar: each unit with its people and its newest tickets.
 * What the owner typed (contact.unit) is shown apart, as unverified, until an agent binds a unit.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unbindUnit } from '../api/unit-binding-endpoints';
import { fetchContactUnits, workspaceKeys } from '../api/workspace-endpoints';
import { useCurrentUser } from '../auth/auth-context';
import { ticketHash } from '../hooks/use-ticket-route';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n-context';
import { formatFullTime } from '../lib/format-time';
import { ContactUnitBinder } from './contact-unit-binder';

export function ContactUnits({ contactId, statedUnit }: { contactId: string; statedUnit: string | null }) {
  const { t, locale } = useI18n();
  const units = useQuery({ queryKey: workspaceKeys.contactUnits(contactId), queryFn: ({ signal }) => fetchContactUnits(contactId, signal) });
  const data = units.data?.data ?? [];
  const me = useCurrentUser();
  // The registry is read with conversation.read.all; binding needs contact.link besides.
  const mayBind = me.permissions.includes('contact.link') && me.permissions.includes('conversation.read.all');
  const client = useQueryClient();
  const unbind = useMutation({
    mutationFn: (unitId: string) => unbindUnit(contactId, unitId),
    onSuccess: () => void client.invalidateQueries({ queryKey: workspaceKeys.contactUnits(contactId) }),
  });
  return (
    <section data-testid="contact-units">
      <h3>{t('ws.contact.units')}</h3>
      {units.isError && <p className="notice notice--error">{units.error.message}</p>}
      {units.isSuccess && data.length === 0 && (
        <p className="muted">{statedUnit ? t('ws.contact.unitsUnverified', { unit: statedUnit }) : t('ws.contact.unitsNone')}</p>
      )}
      {data.map((b) => (
        <div key={b.unit.id} className="contact__unit" data-testid="contact-unit-bound">
          <p>
            <strong>
              {b.unit.estate} {b.unit.address}
            </strong>{' '}
            · {t(`ws.contact.role.${b.role}`)}
            {b.boundBy && b.boundAt && <span className="muted"> · {t('ws.contact.unitBoundBy', { name: b.boundBy.name, time: formatFullTime(b.boundAt, locale) })}</span>}
            {mayBind && (
              <>
                {' '}
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={unbind.isPending}
                  onClick={() => {
                    if (window.confirm(t('ws.contact.unbindConfirm', { unit: b.unit.address }))) unbind.mutate(b.unit.id);
                  }}
                  data-testid="unit-unbind"
                >
                  {t('ws.contact.unbind')}
                </button>
              </>
            )}
          </p>
          <h3>{t('ws.contact.unitPeople')}</h3>
          <ul className="contact__list">
            {b.people.map((p) => (
              <li key={p.name}>
                {p.name} · {t(`ws.contact.role.${p.role}`)}
                {p.phone ? ` · ${p.phone}` : ''}
              </li>
            ))}
          </ul>
          <h3>{t('ws.contact.unitTickets')}</h3>
          {b.tickets.length === 0 ? (
            <p className="muted">{t('ws.contact.none')}</p>
          ) : (
            <ul className="contact__list">
              {b.tickets.map((tk) => (
                <li key={tk.id}>
                  <a href={ticketHash({ view: 'ticket', ticketId: tk.id })}>{tk.number}</a> · {t(`tk.status.${tk.status}` as MessageKey)} · {tk.summary}
                  <span className="muted"> · {formatFullTime(tk.createdAt, locale)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {unbind.error && <p className="notice notice--error">{unbind.error.message}</p>}
      {mayBind && units.isSuccess && <ContactUnitBinder contactId={contactId} statedUnit={statedUnit} />}
    </section>
  );
}
