import { useState } from 'react';
import { setNotifySettings, useNotifySettings } from '../lib/notify';
import { useI18n } from '../i18n/i18n-context';

/** Sound and desktop notifications, each switchable. */
export function NotifySettings() {
  const { t } = useI18n();
  const settings = useNotifySettings();
  const [denied, setDenied] = useState(false);
  return (
    <details className="menu">
      <summary className="button button--ghost button--small">{t('ws.notify.settings')}</summary>
      <div className="menu__body">
        <label className="toggle">
          <input type="checkbox" role="switch" checked={settings.sound} onChange={(e) => setNotifySettings({ ...settings, sound: e.target.checked })} data-testid="notify-sound" />
          {t('ws.notify.sound')}
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            role="switch"
            checked={settings.desktop}
            data-testid="notify-desktop"
            onChange={async (e) => {
              const on = e.target.checked;
              if (on && typeof Notification !== 'undefined' && Notification.permission !== 'granted') {
                const answer = await Notification.requestPermission();
                setDenied(answer === 'denied');
                if (answer !== 'granted') return;
              }
              setNotifySettings({ ...settings, desktop: on });
            }}
          />
          {t('ws.notify.desktop')}
        </label>
        {denied && <p className="muted">{t('ws.notify.denied')}</p>}
      </div>
    </details>
  );
}
