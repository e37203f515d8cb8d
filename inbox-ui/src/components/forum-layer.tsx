/**
 * The forum staff screens over the inbox (which stays mounted, so its live connection keeps
 * running): the review queue with an item's detail, unit claims, and forum settings.
 */
import { useCurrentUser } from '../auth/auth-context';
import { useForumRoute } from '../hooks/use-forum-route';
import { useI18n } from '../i18n/i18n-context';
import { useForumEvents } from '../realtime/use-forum-events';
import { ForumQueue } from './forum-queue';
import { ForumSettingsScreen } from './forum-settings';
import { ForumUnitClaims } from './forum-units';
import '../forum.css';

const has = (permissions: string[], ...any: string[]) => any.some((p) => permissions.includes(p));

export function ForumLayer() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [route, go] = useForumRoute();
  useForumEvents();
  if (!route) return null;
  const moderator = has(me.permissions, 'forum.moderate', 'forum.admin');
  const linker = has(me.permissions, 'contact.link');
  return (
    <div className="forum-layer" data-testid="forum-layer">
      <div className="forum-layer__bar">
        {moderator && (
          <button type="button" className="button button--small" aria-pressed={route.view === 'queue'} onClick={() => go({ view: 'queue', itemId: null })} data-testid="forum-tab-queue">
            {t('forum.tab.queue')}
          </button>
        )}
        {linker && (
          <button type="button" className="button button--small" aria-pressed={route.view === 'units'} onClick={() => go({ view: 'units' })} data-testid="forum-tab-units">
            {t('forum.tab.units')}
          </button>
        )}
        {moderator && (
          <button type="button" className="button button--small" aria-pressed={route.view === 'settings'} onClick={() => go({ view: 'settings' })} data-testid="forum-tab-settings">
            {t('forum.tab.settings')}
          </button>
        )}
        <a className="button button--ghost button--small" href="/forum" target="_blank" rel="noopener">
          {t('forum.openSite')}
        </a>
        <span className="app-header__spacer" />
        <button type="button" className="button button--ghost button--small" onClick={() => go(null)} data-testid="forum-close">
          {t('forum.close')}
        </button>
      </div>
      <div className="forum-layer__body">
        {route.view === 'queue' && (moderator ? <ForumQueue itemId={route.itemId} onSelect={(itemId) => go({ view: 'queue', itemId })} /> : <p className="muted">{t('forum.noAccess')}</p>)}
        {route.view === 'units' && (linker ? <ForumUnitClaims /> : <p className="muted">{t('forum.noAccess')}</p>)}
        {route.view === 'settings' && (moderator ? <ForumSettingsScreen /> : <p className="muted">{t('forum.noAccess')}</p>)}
      </div>
    </div>
  );
}

/** The header's way to the forum screens, for staff who moderate or confirm units. */
export function ForumNavButton() {
  const { t } = useI18n();
  const me = useCurrentUser();
  if (!has(me.permissions, 'forum.moderate', 'forum.admin', 'contact.link')) return null;
  const target = has(me.permissions, 'forum.moderate', 'forum.admin') ? '#/forum' : '#/forum/units';
  return (
    <a className="button button--small" href={target} data-testid="forum-nav">
      {t('forum.nav')}
    </a>
  );
}
