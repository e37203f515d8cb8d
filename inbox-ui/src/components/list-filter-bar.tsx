/** Status, channel, inbox, label and priority filters of the list. */
import type { ListFilter } from '../api/query-keys';
import type { Priority, StatusFilter } from '../api/types';
import { useInboxes, useLabels } from '../hooks/use-workspace-data';
import { useChannelKinds } from '../hooks/use-channel-kinds';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n-context';

const STATUSES: StatusFilter[] = ['open', 'pending', 'resolved', 'all'];
const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

export function ListFilterBar({ filter, onChange }: { filter: ListFilter; onChange: (f: ListFilter) => void }) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const inboxes = useInboxes();
  // The kinds come from the server's registry, so a new channel shows up here by itself.
  const kinds = useChannelKinds();
  const set = (patch: Partial<ListFilter>) => onChange({ ...filter, ...patch });
  const any = (label: MessageKey) => <option value="">{`${t(label)}: ${t('ws.filter.any')}`}</option>;

  return (
    <fieldset className="filter-bar">
      <legend className="visually-hidden">{t('ws.filter.more')}</legend>
      <select className="select" aria-label={t('list.statusFilter')} data-testid="filter-status" value={filter.status} onChange={(e) => set({ status: e.target.value as StatusFilter })}>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`filter.status.${s}`)}
          </option>
        ))}
      </select>
      <select className="select" aria-label={t('ws.filter.channel')} data-testid="filter-channel" value={filter.channel ?? ''} onChange={(e) => set({ channel: e.target.value || undefined })}>
        {any('ws.filter.channel')}
        {(kinds.data ?? []).map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label[locale]}
          </option>
        ))}
      </select>
      <select className="select" aria-label={t('ws.filter.inbox')} value={filter.inboxId ?? ''} onChange={(e) => set({ inboxId: e.target.value || undefined })}>
        {any('ws.filter.inbox')}
        {(inboxes.data ?? []).map((i) => (
          <option key={i.id} value={i.id}>
            {i.name}
          </option>
        ))}
      </select>
      <select className="select" aria-label={t('ws.filter.label')} data-testid="filter-label" value={filter.labelId ?? ''} onChange={(e) => set({ labelId: e.target.value || undefined })}>
        {any('ws.filter.label')}
        {(labels.data ?? []).map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label={t('ws.filter.priority')}
        data-testid="filter-priority"
        value={filter.priority ?? ''}
        onChange={(e) => set({ priority: (e.target.value || undefined) as Priority | undefined })}
      >
        {any('ws.filter.priority')}
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`ws.priority.${p}`)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
