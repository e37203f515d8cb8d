/**
 * One staff account in the admin's list: its role (changed in place), its state, and the
 * actions that end access (switch off, reset password, end sessions), each confirmed first.
 */
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useResetStaffPassword, useUpdateStaff, type StaffUser } from '../api/staff-api';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { formatRelative } from '../lib/format-time';
import { roleOptions } from '../lib/staff-rules';
import { Modal } from './modal';
import { useRoleName } from './staff-role-name';
import { StaffUserSessions } from './staff-sessions';
import { StaffTemporaryPassword } from './staff-temporary-password';

type Confirm = 'disable' | 'reset' | null;

export function StaffRow({ user }: { user: StaffUser }) {
  const { t, locale } = useI18n();
  const me = useCurrentUser();
  const roleName = useRoleName();
  const update = useUpdateStaff();
  const reset = useResetStaffPassword();
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [temporary, setTemporary] = useState<string | null>(null);
  const [showSessions, setShowSessions] = useState(false);
  const self = user.id === me.id;

  const failure = update.error ?? reset.error;
  const error = failure
    ? failure instanceof ApiError && failure.status === 409
      ? t('staff.error.conflict')
      : t('staff.error', { message: failure.message })
    : null;

  const setDisabled = (disabled: boolean) =>
    update.mutate({ id: user.id, change: { disabled } }, { onSettled: () => setConfirm(null) });

  return (
    <>
      <tr className={user.disabled ? 'staff-row staff-row--off' : 'staff-row'} data-testid="staff-row" data-email={user.email} data-state={user.disabled ? 'disabled' : 'active'}>
        <td>
          <strong>{user.name}</strong>
          {self && <span className="muted"> {t('staff.you')}</span>}
        </td>
        <td>{user.email ?? ''}</td>
        <td>
          <select
            aria-label={t('staff.roleOf', { name: user.name })}
            value={user.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ id: user.id, change: { role: e.target.value } })}
            data-testid="staff-role"
          >
            {roleOptions(user.role).map((key) => (
              <option key={key} value={key}>
                {roleName(key)}
              </option>
            ))}
          </select>
        </td>
        <td>
          <span className={`staff-state staff-state--${user.disabled ? 'off' : 'on'}`} data-testid="staff-state">
            {user.disabled ? t('staff.state.disabled') : t('staff.state.active')}
          </span>
        </td>
        <td title={user.lastSignInAt ?? undefined}>{user.lastSignInAt ? formatRelative(user.lastSignInAt, Date.now(), locale) : t('staff.never')}</td>
        <td className="staff-actions">
          {user.disabled ? (
            <button type="button" className="button button--small" disabled={update.isPending} onClick={() => setDisabled(false)} data-testid="staff-enable">
              {t('staff.enable')}
            </button>
          ) : (
            <button type="button" className="button button--small" disabled={self} title={self ? t('staff.disableSelf') : undefined} onClick={() => setConfirm('disable')} data-testid="staff-disable">
              {t('staff.disable')}
            </button>
          )}
          <button type="button" className="button button--small" onClick={() => setConfirm('reset')} data-testid="staff-reset">
            {t('staff.reset')}
          </button>
          <button type="button" className="button button--ghost button--small" aria-expanded={showSessions} onClick={() => setShowSessions((v) => !v)} data-testid="staff-sessions-toggle">
            {t('staff.sessions')}
          </button>
        </td>
      </tr>
      {(error || temporary || showSessions) && (
        <tr className="staff-row__detail">
          <td colSpan={6}>
            {error && <p className="notice notice--error">{error}</p>}
            {temporary && <StaffTemporaryPassword name={user.name} email={user.email} password={temporary} onDone={() => setTemporary(null)} />}
            {showSessions && <StaffUserSessions userId={user.id} />}
          </td>
        </tr>
      )}
      {confirm === 'disable' && (
        <Modal title={t('staff.disable.title', { name: user.name })} onClose={() => setConfirm(null)} testId="staff-disable-dialog">
          <p>{t('staff.disable.body')}</p>
          <div className="form__actions">
            <button type="button" className="button button--ghost" onClick={() => setConfirm(null)}>
              {t('staff.cancel')}
            </button>
            <button type="button" className="button button--primary" disabled={update.isPending} onClick={() => setDisabled(true)} data-testid="staff-disable-confirm">
              {t('staff.disable.confirm')}
            </button>
          </div>
        </Modal>
      )}
      {confirm === 'reset' && (
        <Modal title={t('staff.reset.title', { name: user.name })} onClose={() => setConfirm(null)} testId="staff-reset-dialog">
          <p>{t('staff.reset.body')}</p>
          <div className="form__actions">
            <button type="button" className="button button--ghost" onClick={() => setConfirm(null)}>
              {t('staff.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={reset.isPending}
              onClick={() =>
                reset.mutate(user.id, {
                  onSuccess: (r) => setTemporary(r.temporaryPassword),
                  onSettled: () => setConfirm(null),
                })
              }
              data-testid="staff-reset-confirm"
            >
              {t('staff.reset.confirm')}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
