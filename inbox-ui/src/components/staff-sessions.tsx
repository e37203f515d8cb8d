/**
 * Sign-in sessions: an admin's view of a colleague's (with "end all"), and one's own (each
 * revocable except the one in use, which "Sign out" ends).
 */
import type { ReactNode } from 'react';
import { useEndUserSessions, useMySessions, useRevokeMySession, useUserSessions, type StaffSession } from '../api/staff-api';
import { useI18n } from '../i18n/i18n-context';
import { formatRelative } from '../lib/format-time';
import { describeUserAgent } from '../lib/staff-rules';

function SessionLine({ session, action }: { session: StaffSession; action?: ReactNode }) {
  const { t, locale } = useI18n();
  const now = Date.now();
  return (
    <li className="staff-session" data-testid="session-item" data-current={session.current ? 'true' : 'false'}>
      <span>
        <strong>{describeUserAgent(session.userAgent) ?? t('session.unknownDevice')}</strong>
        {session.ip && <span className="muted"> · {session.ip}</span>}
        {session.current && <span className="staff-session__current"> · {t('session.current')}</span>}
      </span>
      <span className="muted">
        {t('session.since', { time: formatRelative(session.createdAt, now, locale) })}
        {session.lastSeenAt && <> · {t('session.lastSeen', { time: formatRelative(session.lastSeenAt, now, locale) })}</>}
      </span>
      <span className="app-header__spacer" />
      {action}
    </li>
  );
}

export function StaffUserSessions({ userId }: { userId: string }) {
  const { t } = useI18n();
  const sessions = useUserSessions(userId);
  const endAll = useEndUserSessions(userId);
  const list = sessions.data ?? [];
  return (
    <div className="staff-sessions" data-testid="staff-user-sessions">
      {sessions.isError && <p className="notice notice--error">{t('staff.error', { message: sessions.error.message })}</p>}
      {endAll.isError && <p className="notice notice--error">{t('staff.error', { message: endAll.error.message })}</p>}
      <ul className="staff-session-list">
        {list.map((s) => (
          <SessionLine key={s.id} session={s} />
        ))}
      </ul>
      {sessions.isSuccess && list.length === 0 && <p className="muted">{t('session.none')}</p>}
      <button type="button" className="button button--small" disabled={list.length === 0 || endAll.isPending} onClick={() => endAll.mutate()} data-testid="staff-sessions-end-all">
        {t('session.endAll')}
      </button>
    </div>
  );
}

export function MySessions() {
  const { t } = useI18n();
  const sessions = useMySessions();
  const revoke = useRevokeMySession();
  return (
    <div className="staff-sessions" data-testid="my-sessions">
      {sessions.isError && <p className="notice notice--error">{t('staff.error', { message: sessions.error.message })}</p>}
      {revoke.isError && <p className="notice notice--error">{t('staff.error', { message: revoke.error.message })}</p>}
      <ul className="staff-session-list">
        {(sessions.data ?? []).map((s) => (
          <SessionLine
            key={s.id}
            session={s}
            action={
              !s.current && (
                <button type="button" className="button button--small" disabled={revoke.isPending} onClick={() => revoke.mutate(s.id)} data-testid="session-revoke">
                  {t('session.revoke')}
                </button>
              )
            }
          />
        ))}
      </ul>
    </div>
  );
}
