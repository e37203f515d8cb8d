/** My account (我的账号), for every staff member: change one's own password, see and end one's sessions. */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useChangeOwnPassword } from '../api/staff-api';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { MIN_PASSWORD_LENGTH, passwordProblem, type PasswordProblem } from '../lib/staff-rules';
import { MySessions } from './staff-sessions';

export function StaffAccount() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const change = useChangeOwnPassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | null>(null);
  const [done, setDone] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = passwordProblem({ current, next, confirm });
    setProblem(found);
    setDone(false);
    if (found) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
          setDone(true);
        },
      },
    );
  };
  const serverError = change.error
    ? change.error instanceof ApiError && change.error.status === 403
      ? t('account.pw.wrongCurrent')
      : t('staff.error', { message: change.error.message })
    : null;

  return (
    <section className="staff-account" aria-labelledby="account-title">
      <h2 id="account-title" className="staff-title">
        {t('account.title')}
      </h2>
      <p className="muted">{me.email}</p>
      <form className="form staff-form" onSubmit={submit} data-testid="account-password-form" noValidate>
        <h3>{t('account.pw.title')}</h3>
        <label className="field">
          <span>{t('account.pw.current')}</span>
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="account-pw-current" />
        </label>
        <label className="field">
          <span>{t('account.pw.new')}</span>
          <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="account-pw-new" />
        </label>
        <label className="field">
          <span>{t('account.pw.confirm')}</span>
          <input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid="account-pw-confirm" />
        </label>
        <p className="muted">{t('account.pw.hint', { min: MIN_PASSWORD_LENGTH })}</p>
        {problem && (
          <p className="notice notice--error" data-testid="account-pw-problem">
            {t(`account.pw.problem.${problem}`, { min: MIN_PASSWORD_LENGTH })}
          </p>
        )}
        {serverError && <p className="notice notice--error">{serverError}</p>}
        {done && (
          <p className="notice notice--info" role="status" data-testid="account-pw-done">
            {t('account.pw.done')}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={change.isPending} data-testid="account-pw-submit">
            {t('account.pw.submit')}
          </button>
        </div>
      </form>
      <h3>{t('account.sessions')}</h3>
      <MySessions />
    </section>
  );
}
