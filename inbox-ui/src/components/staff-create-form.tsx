/**
 * Invite a colleague (新建账号): the account is created with a temporary password made in
 * this browser, shown once to pass on; the colleague changes it under "My account".
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useCreateStaff, type StaffUser } from '../api/staff-api';
import { useI18n } from '../i18n/i18n-context';
import { generateTemporaryPassword, roleOptions } from '../lib/staff-rules';
import { useRoleName } from './staff-role-name';
import { StaffTemporaryPassword } from './staff-temporary-password';

export function StaffCreateForm({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const roleName = useRoleName();
  const create = useCreateStaff();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('agent');
  const [created, setCreated] = useState<{ user: StaffUser; password: string } | null>(null);

  if (created) return <StaffTemporaryPassword name={created.user.name} email={created.user.email} password={created.password} onDone={onClose} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const password = generateTemporaryPassword();
    create.mutate({ name: name.trim(), email: email.trim(), role, password }, { onSuccess: (user) => setCreated({ user, password }) });
  };
  const error = create.error
    ? create.error instanceof ApiError && create.error.status === 409
      ? t('staff.create.emailTaken')
      : t('staff.error', { message: create.error.message })
    : null;

  return (
    <form className="form staff-form" onSubmit={submit} data-testid="staff-create-form">
      <h3>{t('staff.create.title')}</h3>
      <div className="form__grid">
        <label className="field">
          <span>{t('staff.col.name')}</span>
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} data-testid="staff-create-name" />
        </label>
        <label className="field">
          <span>{t('staff.col.email')}</span>
          <input required type="email" maxLength={320} value={email} onChange={(e) => setEmail(e.target.value)} data-testid="staff-create-email" />
        </label>
        <label className="field">
          <span>{t('staff.col.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value)} data-testid="staff-create-role">
            {roleOptions().map((key) => (
              <option key={key} value={key}>
                {roleName(key)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">{t('staff.create.hint')}</p>
      {error && <p className="notice notice--error">{error}</p>}
      <div className="form__actions">
        <button type="button" className="button button--ghost" onClick={onClose}>
          {t('staff.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={create.isPending} data-testid="staff-create-submit">
          {t('staff.create.submit')}
        </button>
      </div>
    </form>
  );
}
