/** The staff list (员工账号) for users.manage: every account, and the way to create one. */
import { useState } from 'react';
import { useStaffList } from '../api/staff-api';
import { useI18n } from '../i18n/i18n-context';
import { sortStaff } from '../lib/staff-rules';
import { StaffCreateForm } from './staff-create-form';
import { StaffRow } from './staff-row';

export function StaffList() {
  const { t, locale } = useI18n();
  const list = useStaffList(true);
  const [creating, setCreating] = useState(false);
  return (
    <section aria-labelledby="staff-title">
      <h2 id="staff-title" className="staff-title">
        {t('staff.title')}
      </h2>
      {list.isError && <p className="notice notice--error">{t('staff.loadError', { message: list.error.message })}</p>}
      {creating ? (
        <StaffCreateForm onClose={() => setCreating(false)} />
      ) : (
        <button type="button" className="button button--primary" onClick={() => setCreating(true)} data-testid="staff-add">
          {t('staff.add')}
        </button>
      )}
      <table className="staff-table" data-testid="staff-table">
        <thead>
          <tr>
            <th scope="col">{t('staff.col.name')}</th>
            <th scope="col">{t('staff.col.email')}</th>
            <th scope="col">{t('staff.col.role')}</th>
            <th scope="col">{t('staff.col.state')}</th>
            <th scope="col">{t('staff.col.lastSignIn')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('staff.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sortStaff(list.data ?? [], locale).map((user) => (
            <StaffRow key={user.id} user={user} />
          ))}
        </tbody>
      </table>
      {list.isPending && <p className="muted">{t('app.loading')}</p>}
    </section>
  );
}
