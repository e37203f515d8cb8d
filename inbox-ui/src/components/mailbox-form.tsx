/** Add or change a mailbox: IMAP and SMTP servers, sender, plus-addressing, the automatic acknowledgement. Passwords are write-only. */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Mailbox, MailboxDraft } from '../api/mailbox-api';
import { useI18n } from '../i18n/i18n-context';

function draftOf(m: Mailbox | null): MailboxDraft {
  return {
    name: m?.name ?? '',
    from: { name: m?.from.name ?? '', address: m?.from.address ?? '' },
    imap: { host: m?.imap.host ?? '', port: m?.imap.port ?? 993, secure: m?.imap.secure ?? true, user: m?.imap.user ?? '', folder: m?.imap.folder ?? 'INBOX', password: '' },
    smtp: { host: m?.smtp.host ?? '', port: m?.smtp.port ?? 587, secure: m?.smtp.secure ?? false, user: m?.smtp.user ?? '', password: '' },
    plusAddressing: m?.plusAddressing ?? false,
    acknowledge: m?.acknowledge ?? true,
    enabled: m?.enabled ?? true,
  };
}

/** Empty passwords are left out (kept on the server); an empty SMTP user means no AUTH. */
function toRequest(d: MailboxDraft): MailboxDraft {
  const { password: imapPassword, ...imap } = d.imap;
  const { password: smtpPassword, ...smtp } = d.smtp;
  return {
    ...d,
    name: d.name.trim() || d.from.name.trim() || d.from.address.trim(),
    imap: { ...imap, ...(imapPassword ? { password: imapPassword } : {}) },
    smtp: { ...smtp, user: smtp.user?.trim() ? smtp.user.trim() : null, ...(smtpPassword ? { password: smtpPassword } : {}) },
  };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field__label">{label}</span>
      {children}
    </label>
  );
}

export function MailboxForm({ mailbox, saving, error, onSave, onCancel }: { mailbox: Mailbox | null; saving: boolean; error: string | null; onSave: (draft: MailboxDraft) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [d, setD] = useState<MailboxDraft>(() => draftOf(mailbox));
  const readOnly = mailbox?.source === 'env';
  const set = (patch: Partial<MailboxDraft>) => setD((cur) => ({ ...cur, ...patch }));
  const setImap = (patch: Partial<MailboxDraft['imap']>) => setD((cur) => ({ ...cur, imap: { ...cur.imap, ...patch } }));
  const setSmtp = (patch: Partial<MailboxDraft['smtp']>) => setD((cur) => ({ ...cur, smtp: { ...cur.smtp, ...patch } }));
  const keep = mailbox ? t('mb.passwordKeep') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!readOnly) onSave(toRequest(d));
  }

  return (
    <form className="mb-form" onSubmit={submit} data-testid="mailbox-form">
      {readOnly && <p className="notice notice--info">{t('mb.fromEnv')}</p>}
      {error && (
        <p className="notice notice--error" role="alert" data-testid="mailbox-error">
          {t('mb.error', { message: error })}
        </p>
      )}
      <fieldset className="mb-form__group" disabled={readOnly}>
        <Field label={t('mb.name')}>
          <input value={d.name} onChange={(e) => set({ name: e.target.value })} data-testid="mb-name" />
        </Field>
        <Field label={t('mb.fromName')}>
          <input value={d.from.name} onChange={(e) => set({ from: { ...d.from, name: e.target.value } })} data-testid="mb-from-name" />
        </Field>
        <Field label={t('mb.fromAddress')}>
          <input type="email" required value={d.from.address} onChange={(e) => set({ from: { ...d.from, address: e.target.value } })} data-testid="mb-from-address" />
        </Field>
      </fieldset>
      <fieldset className="mb-form__group" disabled={readOnly}>
        <legend>{t('mb.imap')}</legend>
        <Field label={t('mb.host')}>
          <input required value={d.imap.host} onChange={(e) => setImap({ host: e.target.value })} data-testid="mb-imap-host" />
        </Field>
        <Field label={t('mb.port')}>
          <input type="number" min={1} max={65535} required value={d.imap.port} onChange={(e) => setImap({ port: Number(e.target.value) })} data-testid="mb-imap-port" />
        </Field>
        <label className="toggle">
          <input type="checkbox" checked={d.imap.secure} onChange={(e) => setImap({ secure: e.target.checked })} data-testid="mb-imap-secure" />
          <span>{t('mb.secure')}</span>
        </label>
        <Field label={t('mb.user')}>
          <input required value={d.imap.user} onChange={(e) => setImap({ user: e.target.value })} data-testid="mb-imap-user" autoComplete="off" />
        </Field>
        <Field label={t('mb.password')}>
          <input type="password" required={!mailbox} placeholder={keep} value={d.imap.password ?? ''} onChange={(e) => setImap({ password: e.target.value })} data-testid="mb-imap-password" autoComplete="new-password" />
        </Field>
        <Field label={t('mb.folder')}>
          <input required value={d.imap.folder} onChange={(e) => setImap({ folder: e.target.value })} data-testid="mb-imap-folder" />
        </Field>
      </fieldset>
      <fieldset className="mb-form__group" disabled={readOnly}>
        <legend>{t('mb.smtp')}</legend>
        <Field label={t('mb.host')}>
          <input required value={d.smtp.host} onChange={(e) => setSmtp({ host: e.target.value })} data-testid="mb-smtp-host" />
        </Field>
        <Field label={t('mb.port')}>
          <input type="number" min={1} max={65535} required value={d.smtp.port} onChange={(e) => setSmtp({ port: Number(e.target.value) })} data-testid="mb-smtp-port" />
        </Field>
        <label className="toggle">
          <input type="checkbox" checked={d.smtp.secure} onChange={(e) => setSmtp({ secure: e.target.checked })} data-testid="mb-smtp-secure" />
          <span>{t('mb.secure')}</span>
        </label>
        <Field label={t('mb.user')}>
          <input value={d.smtp.user ?? ''} onChange={(e) => setSmtp({ user: e.target.value })} data-testid="mb-smtp-user" autoComplete="off" />
        </Field>
        <Field label={t('mb.password')}>
          <input type="password" placeholder={keep} value={d.smtp.password ?? ''} onChange={(e) => setSmtp({ password: e.target.value })} data-testid="mb-smtp-password" autoComplete="new-password" />
        </Field>
      </fieldset>
      <fieldset className="mb-form__group" disabled={readOnly}>
        <label className="toggle">
          <input type="checkbox" checked={d.plusAddressing} onChange={(e) => set({ plusAddressing: e.target.checked })} data-testid="mb-plus" />
          <span>{t('mb.plus')}</span>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={d.acknowledge} onChange={(e) => set({ acknowledge: e.target.checked })} data-testid="mb-acknowledge" />
          <span>{t('mb.acknowledge')}</span>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} data-testid="mb-enabled" />
          <span>{t('mb.enabled')}</span>
        </label>
      </fieldset>
      <div className="mb-form__bar">
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t('mb.cancel')}
        </button>
        {!readOnly && (
          <button type="submit" className="button button--primary" disabled={saving} data-testid="mb-save">
            {t('mb.save')}
          </button>
        )}
      </div>
    </form>
  );
}
