/** Priority, labels and snooze of the open conversation, and the button for the owner sidebar. */
import type { Conversation, Priority } from '../api/types';
import { useCreateLabel, useTriage } from '../hooks/use-triage';
import { useLabels } from '../hooks/use-workspace-data';
import { useI18n } from '../i18n/i18n-context';
import { formatFullTime } from '../lib/format-time';
import { snoozeUntil, type SnoozePreset } from '../lib/snooze';

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];
const NEW_LABEL = '__new__';

export function TriageBar({ conversation, onToggleContact, contactOpen }: { conversation: Conversation; onToggleContact: () => void; contactOpen: boolean }) {
  const { t, locale } = useI18n();
  const triage = useTriage(conversation.id);
  const labels = useLabels();
  const newLabel = useCreateLabel();
  const byId = new Map((labels.data ?? []).map((l) => [l.id, l]));
  const mine = conversation.labelIds ?? [];

  return (
    <div className="triage" data-testid="triage-bar">
      <label className="triage__field">
        <span className="visually-hidden">{t('ws.triage.priority')}</span>
        <select
          className={`select priority priority--${conversation.priority ?? 'normal'}`}
          aria-label={t('ws.triage.priority')}
          data-testid="priority-select"
          value={conversation.priority ?? 'normal'}
          disabled={triage.isPending}
          onChange={(e) => triage.mutate({ priority: e.target.value as Priority })}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`ws.priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <ul className="chips" aria-label={t('ws.triage.labels')}>
        {mine.map((id) => {
          const label = byId.get(id);
          if (!label) return null;
          return (
            <li key={id} className="chip" style={{ borderColor: label.color }} data-testid="label-chip">
              <span className="chip__dot" style={{ background: label.color }} aria-hidden="true" />
              {label.name}
              <button type="button" className="chip__remove" aria-label={t('ws.triage.removeLabel', { name: label.name })} onClick={() => triage.mutate({ removeLabelIds: [id] })}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <select
        className="select"
        aria-label={t('ws.triage.addLabel')}
        data-testid="label-add"
        value=""
        onChange={(e) => {
          const value = e.target.value;
          if (value === NEW_LABEL) {
            const name = window.prompt(t('ws.triage.newLabelPrompt'))?.trim();
            if (name) newLabel.mutate(name, { onSuccess: (label) => triage.mutate({ addLabelIds: [label.id] }) });
          } else if (value) triage.mutate({ addLabelIds: [value] });
        }}
      >
        <option value="">{t('ws.triage.addLabel')}</option>
        {(labels.data ?? [])
          .filter((l) => !mine.includes(l.id))
          .map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        <option value={NEW_LABEL}>{t('ws.triage.newLabel')}</option>
      </select>
      <select
        className="select"
        aria-label={t('ws.triage.snooze')}
        data-testid="snooze-select"
        value=""
        onChange={(e) => {
          const v = e.target.value;
          if (v === 'wake') triage.mutate({ snoozedUntil: null });
          else if (v) triage.mutate({ snoozedUntil: snoozeUntil(v as SnoozePreset).toISOString() });
        }}
      >
        <option value="">{conversation.snoozedUntil ? t('ws.triage.snoozedUntil', { time: formatFullTime(conversation.snoozedUntil, locale) }) : t('ws.triage.snooze')}</option>
        <option value="1h">{t('ws.triage.snooze1h')}</option>
        <option value="tomorrow">{t('ws.triage.snoozeTomorrow')}</option>
        <option value="week">{t('ws.triage.snoozeWeek')}</option>
        {conversation.snoozedUntil && <option value="wake">{t('ws.triage.unsnooze')}</option>}
      </select>
      <button type="button" className="button button--small triage__contact" aria-pressed={contactOpen} onClick={onToggleContact} data-testid="contact-toggle">
        {t('ws.triage.contact')}
      </button>
    </div>
  );
}
