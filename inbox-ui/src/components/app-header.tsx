import type { ReactNode } from 'react';
import { useAuth, useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { BotLayer } from './bot-layer';
import { ForumNavButton } from './forum-layer';
import { InboxesLayer, InboxesNavButton } from './inboxes-layer';
import { LanguageSwitch } from './language-switch';
import { StaffNavButtons } from './staff-layer';

/** `children` are the workspace's header tools (search, presence, …), placed after the brand. */
export function AppHeader({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  const { logout } = useAuth();
  const user = useCurrentUser();
  return (
    <header className="app-header">
      <span className="app-header__brand">{t('app.name')}</span>
      {children}
      <ForumNavButton />
      <InboxesNavButton />
      <InboxesLayer />
      <BotLayer />
      <span className="app-header__spacer" />
      <span className="app-header__user" data-testid="current-user">
        {t('header.user', { name: user.name })}
      </span>
      <StaffNavButtons />
      <LanguageSwitch />
      <button type="button" className="button button--ghost" onClick={logout} data-testid="logout">
        {t('header.logout')}
      </button>
    </header>
  );
}
