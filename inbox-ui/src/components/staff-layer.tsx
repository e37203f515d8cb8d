/**
 * The staff screens over the inbox (which stays mounted, so its live connection keeps
 * running): `#/staff` lists the staff accounts for users with users.manage (员工账号), and
 * `#/account` is everyone's own password and sessions (我的账号).
 */
import { useSyncExternalStore } from 'react';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { StaffAccount } from './staff-account';
import { StaffList } from './staff-list';
import '../tickets.css';
import '../email.css';
import '../staff.css';

const STAFF_HASH = '#/staff';
const ACCOUNT_HASH = '#/account';
type View = 'staff' | 'account';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function viewOf(hash: string): View | null {
  if (hash === STAFF_HASH) return 'staff';
  if (hash === ACCOUNT_HASH) return 'account';
  return null;
}

function useView(): View | null {
  return useSyncExternalStore(subscribe, () => viewOf(window.location.hash));
}

export function useCanManageStaff(): boolean {
  return useCurrentUser().permissions.includes('users.manage');
}

export function StaffLayer() {
  const { t } = useI18n();
  const view = useView();
  const canManage = useCanManageStaff();
  if (!view) return null;
  const shown: View = view === 'staff' && canManage ? 'staff' : 'account';
  return (
    <div className="tickets-layer staff-layer" data-testid="staff-layer" data-view={shown}>
      <div className="tickets-layer__bar">
        {canManage && (
          <a className="button button--small" href={STAFF_HASH} aria-current={shown === 'staff' ? 'page' : undefined} data-testid="staff-tab-staff">
            {t('staff.tab.staff')}
          </a>
        )}
        <a className="button button--small" href={ACCOUNT_HASH} aria-current={shown === 'account' ? 'page' : undefined} data-testid="staff-tab-account">
          {t('staff.tab.account')}
        </a>
        <span className="app-header__spacer" />
        <button type="button" className="button button--ghost button--small" onClick={() => (window.location.hash = '')} data-testid="staff-close">
          {t('staff.close')}
        </button>
      </div>
      <div className="tickets-layer__body staff-body">{shown === 'staff' ? <StaffList /> : <StaffAccount />}</div>
    </div>
  );
}

/** The header's ways in: the staff list for users.manage, one's own account for everyone. */
export function StaffNavButtons() {
  const { t } = useI18n();
  const canManage = useCanManageStaff();
  return (
    <>
      {canManage && (
        <a className="button button--ghost button--small" href={STAFF_HASH} data-testid="staff-nav">
          {t('staff.nav')}
        </a>
      )}
      <a className="button button--ghost button--small" href={ACCOUNT_HASH} data-testid="account-nav">
        {t('account.nav')}
      </a>
    </>
  );
}
