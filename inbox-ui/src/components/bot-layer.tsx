/**
 * The self-service bot's screen (机器人) over the inbox, at `#/settings/bot` (reached from the
 * inboxes screen), for users with settings.manage: whether the bot answers and what it tells
 * owners, the instant answers with their helpfulness, and a box to try a question against them.
 */
import { useSyncExternalStore } from 'react';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { BotAnswers } from './bot-answers';
import { BotSettingsForm } from './bot-settings-form';
import { BotTryBox } from './bot-try-box';
import { BotWelcomeForm } from './bot-welcome-form';
import '../email.css';
import '../bot.css';

const HASH = '#/settings/bot';
const INBOXES_HASH = '#/settings/inboxes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const useIsOpen = () => useSyncExternalStore(subscribe, () => window.location.hash === HASH);
const useCanManage = () => useCurrentUser().permissions.includes('settings.manage');

export function BotLayer() {
  const { t } = useI18n();
  const open = useIsOpen();
  const canManage = useCanManage();
  if (!open || !canManage) return null;
  return (
    <div className="tickets-layer mailboxes-layer" data-testid="bot-layer">
      <div className="tickets-layer__bar">
        <a className="button button--ghost button--small" href={INBOXES_HASH} data-testid="bot-to-inboxes">
          {t('ib.title')}
        </a>
        <strong>{t('bot.title')}</strong>
        <span className="app-header__spacer" />
        <button type="button" className="button button--ghost button--small" onClick={() => (window.location.hash = '')} data-testid="bot-close">
          {t('bot.close')}
        </button>
      </div>
      <div className="tickets-layer__body mb-body bot-body">
        <BotSettingsForm />
        <BotWelcomeForm />
        <BotTryBox />
        <BotAnswers />
      </div>
    </div>
  );
}

/**
 * The way to the bot screen, on the inboxes screen's bar (the bot answers on those chat
 * inboxes): the header is full, and one more button there squeezes out the user's name.
 */
export function BotNavButton() {
  const { t } = useI18n();
  if (!useCanManage()) return null;
  return (
    <a className="button button--ghost button--small" href={HASH} data-testid="bot-nav">
      {t('bot.nav')}
    </a>
  );
}
