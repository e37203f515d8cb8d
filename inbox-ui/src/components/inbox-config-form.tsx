/**
 * The add/edit form of one inbox, generated from its kind's config description (GET
 * /api/channels: JSON Schema of the channel's zod schema). Secret fields are password inputs
 * that show "set" when a value is stored; left empty, the stored value is kept.
 */
import { useState, type FormEvent } from 'react';
import type { AdminInbox, ChannelKindInfo, ConfigField, InboxDraft } from '../api/inbox-api';
import { useI18n } from '../i18n/i18n-context';

interface Props {
  kind: ChannelKindInfo;
  inbox: AdminInbox | null;
  saving: boolean;
  error: string | null;
  onSave(draft: InboxDraft): void;
  onCancel(): void;
}

function initialValue(field: ConfigField, stored: unknown): string {
  if (stored !== undefined && stored !== null) return String(stored);
  if (field.writeOnly) return '';
  return field.default !== undefined ? String(field.default) : '';
}

export function InboxConfigForm({ kind, inbox, saving, error, onSave, onCancel }: Props) {
  const { t } = useI18n();
  // Only flat fields are generated; nested objects (a mailbox's IMAP block) are edited on their own screen.
  const fields = Object.entries(kind.configSchema.properties ?? {}).filter(([, f]) => f.type !== 'object');
  const [name, setName] = useState(inbox?.name ?? '');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map(([key, f]) => [key, initialValue(f, f.writeOnly ? undefined : inbox?.config?.[key])])),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const config: Record<string, unknown> = {};
    for (const [key, field] of fields) {
      const value = values[key] ?? '';
      // An empty field is left out: a secret keeps its stored value, a setting its default.
      if (value === '') continue;
      config[key] = field.type === 'integer' || field.type === 'number' ? Number(value) : field.type === 'boolean' ? value === 'true' : value;
    }
    onSave({ channel: kind.kind, name: name.trim(), config });
  };

  return (
    <form className="mb-form" onSubmit={submit} data-testid="inbox-form" data-kind={kind.kind}>
      <label className="field">
        <span className="field__label">{t('ib.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="inbox-field-name" />
      </label>
      {fields.map(([key, field]) => {
        const isSet = inbox?.secretsSet?.includes(key) ?? false;
        const value = values[key] ?? '';
        const set = (v: string) => setValues((prev) => ({ ...prev, [key]: v }));
        const required = !inbox && (kind.configSchema.required ?? []).includes(key);
        return (
          <label className="field" key={key}>
            <span className="field__label">
              {key}
              {field.description && <span className="muted"> · {field.description}</span>}
              {field.writeOnly && isSet && (
                <span className="ib-secret-set" data-testid={`inbox-secret-set-${key}`}>
                  {' '}
                  · {t('ib.secretSet')}
                </span>
              )}
            </span>
            {field.enum ? (
              <select value={value} onChange={(e) => set(e.target.value)} data-testid={`inbox-field-${key}`}>
                {field.enum.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : field.type === 'boolean' ? (
              <select value={value} onChange={(e) => set(e.target.value)} data-testid={`inbox-field-${key}`}>
                <option value="true">{t('ib.yes')}</option>
                <option value="false">{t('ib.no')}</option>
              </select>
            ) : (
              <input
                type={field.writeOnly ? 'password' : 'text'}
                autoComplete={field.writeOnly ? 'new-password' : 'off'}
                value={value}
                required={required}
                placeholder={field.writeOnly && isSet ? t('ib.secretKeep') : undefined}
                onChange={(e) => set(e.target.value)}
                data-testid={`inbox-field-${key}`}
              />
            )}
          </label>
        );
      })}
      {error && (
        <p className="notice notice--error" data-testid="inbox-form-error">
          {t('ib.error', { message: error })}
        </p>
      )}
      <div className="mb-form__bar">
        <button type="submit" className="button button--primary" disabled={saving} data-testid="inbox-save">
          {t('ib.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('ib.cancel')}
        </button>
      </div>
    </form>
  );
}
