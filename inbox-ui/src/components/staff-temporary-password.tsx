/**
 * A temporary password, shown once: after this box is closed nobody can read it again (the
 * server stores only its hash), so it offers a copy button and says so.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';

export function StaffTemporaryPassword({ name, email, password, onDone }: { name: string; email?: string; password: string; onDone: () => void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied('yes');
    } catch {
      // No clipboard (plain http, denied permission): the text stays selectable.
      setCopied('no');
    }
  };
  return (
    <div className="notice notice--info staff-secret" role="status" data-testid="staff-temp-password-box">
      <p>{t('staff.temp.intro', { name: email ? `${name} <${email}>` : name })}</p>
      <p>
        <code className="staff-secret__value" data-testid="staff-temp-password">
          {password}
        </code>
        <button type="button" className="button button--small" onClick={() => void copy()} data-testid="staff-temp-copy">
          {t('staff.temp.copy')}
        </button>
        {copied === 'yes' && <span className="muted"> {t('staff.temp.copied')}</span>}
        {copied === 'no' && <span className="muted"> {t('staff.temp.copyFailed')}</span>}
      </p>
      <p className="muted">{t('staff.temp.once')}</p>
      <button type="button" className="button button--primary button--small" onClick={onDone} data-testid="staff-temp-done">
        {t('staff.temp.done')}
      </button>
    </div>
  );
}
