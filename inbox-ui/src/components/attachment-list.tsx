import type { Attachment } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { isMessageKey } from '../i18n/locales';
import { formatSize } from '../lib/format-size';

const ICONS: Record<string, string> = {
  photo: '🖼',
  image: '🖼',
  document: '📄',
  file: '📄',
  voice: '🎤',
  audio: '🎵',
  video: '🎬',
  video_note: '🎬',
  animation: '🎞',
  sticker: '🏷',
};

/**
 * Attachments shown by kind and file name; the files themselves are not fetched here. A file
 * the server keeps (email) is a download link; one it skipped says why.
 */
export function AttachmentList({ attachments, messageId }: { attachments: Attachment[]; messageId?: string }) {
  const { t, locale } = useI18n();
  if (attachments.length === 0) return null;
  return (
    <ul className="attachments" aria-label={t('attachment.list')}>
      {attachments.map((attachment, index) => {
        const key = `attachment.${attachment.kind}`;
        const kind = isMessageKey(key) ? t(key) : t('attachment.other');
        const details = [attachment.fileName, typeof attachment.size === 'number' ? formatSize(attachment.size, locale) : null]
          .filter((part): part is string => Boolean(part))
          .join(' · ');
        return (
          <li key={index} className="attachment" data-testid="attachment" data-kind={attachment.kind}>
            <span aria-hidden="true">{ICONS[attachment.kind] ?? '📎'}</span>
            <span className="attachment__kind">{kind}</span>
            {details &&
              (messageId && attachment.storageKey ? (
                <a className="attachment__name" href={`/api/messages/${encodeURIComponent(messageId)}/attachments/${index}`} download={attachment.fileName ?? true} data-testid="attachment-download">
                  {details}
                </a>
              ) : (
                <span className="attachment__name">{details}</span>
              ))}
            {attachment.skipped && <span className="attachment__skipped muted">{t('attachment.skipped')}</span>}
          </li>
        );
      })}
    </ul>
  );
}
