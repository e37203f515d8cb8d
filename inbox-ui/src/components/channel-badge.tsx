import { useI18n } from '../i18n/i18n-context';
import { isMessageKey } from '../i18n/locales';

export function ChannelBadge({ channel }: { channel: string }) {
  const { t } = useI18n();
  const key = `channel.${channel}`;
  return (
    <span className={`channel-badge channel-badge--${channel}`} data-channel={channel}>
      {isMessageKey(key) ? t(key) : channel}
    </span>
  );
}
