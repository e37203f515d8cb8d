import { useState } from 'react';
import type { Attachment } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { isMessageKey } from '../i18n/locales';
import { attachmentDisplay, attachmentUrl, thumbnailSize } from '../lib/attachment-display';
import { formatSize } from '../lib/format-size';
import { MediaViewer, type ViewedPhoto } from './media-viewer';
import '../media.css';

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
 * A message's attachments. Files the server kept are shown as what they are: photos as
 * thumbnails that open the viewer, voice notes and audio with a player (and the platform's
 * recognized text beside them), video with a player, anything else as a download link.
 * Files still being saved, and files not kept (too large, expired, failed), say so.
 *
 * The bytes load by plain URL: the API accepts the httpOnly, SameSite=Lax session cookie set
 * at sign-in, so <img> and <audio> need no token in the URL (nothing to leak into logs or
 * Referer) and players can seek with Range requests; the route sends CORP same-origin.
 */
export function AttachmentList({
  attachments,
  messageId,
  senderName,
  recognition,
}: {
  attachments: Attachment[];
  messageId?: string;
  senderName?: string;
  /** Speech the platform recognized in the voice note (WeChat Recognition). */
  recognition?: string | null;
}) {
  const { t, locale } = useI18n();
  const [viewed, setViewed] = useState<ViewedPhoto | null>(null);
  const [broken, setBroken] = useState<ReadonlySet<number>>(new Set());
  if (attachments.length === 0) return null;
  return (
    <>
      <ul className="attachments" aria-label={t('attachment.list')}>
        {attachments.map((attachment, index) => {
          const key = `attachment.${attachment.kind}`;
          const kind = isMessageKey(key) ? t(key) : t('attachment.other');
          const details = [attachment.fileName, typeof attachment.size === 'number' ? formatSize(attachment.size, locale) : null]
            .filter((part): part is string => Boolean(part))
            .join(' · ');
          const display = messageId ? attachmentDisplay(attachment) : { as: 'label' as const };
          const url = messageId ? attachmentUrl(messageId, index) : '';
          const shown = !broken.has(index) && (display.as === 'image' || display.as === 'audio' || display.as === 'video');
          const markBroken = () => setBroken((set) => new Set(set).add(index));
          // Recognized speech is shown even when the voice note itself was not kept.
          const spoken = recognition && (attachment.kind === 'voice' || display.as === 'audio') && (
            <p className="attachment__recognition" data-testid="attachment-recognition">
              <span className="attachment__recognition-label">{t('attachment.recognition')}</span>
              {recognition}
            </p>
          );
          const label = (
            <>
              <span aria-hidden="true">{ICONS[attachment.kind] ?? '📎'}</span>
              <span className="attachment__kind">{kind}</span>
            </>
          );

          if (shown && display.as === 'image') {
            const size = thumbnailSize(attachment);
            const alt = t('attachment.photoAlt', { name: senderName ?? '' });
            return (
              <li key={index} className="attachment attachment--media" data-testid="attachment" data-kind={attachment.kind} data-display="image">
                <button
                  type="button"
                  className="attachment__thumb"
                  title={t('attachment.openPhoto')}
                  aria-label={t('attachment.openPhoto')}
                  data-testid="attachment-thumb"
                  onClick={() => setViewed({ src: url, alt, fileName: attachment.fileName ?? `${attachment.kind}.jpg` })}
                >
                  <img src={url} alt={alt} width={size.width} height={size.height} loading="lazy" decoding="async" onError={markBroken} data-testid="attachment-image" />
                </button>
              </li>
            );
          }
          if (shown && (display.as === 'audio' || display.as === 'video')) {
            return (
              <li key={index} className="attachment attachment--media" data-testid="attachment" data-kind={attachment.kind} data-display={display.as}>
                {display.as === 'audio' ? (
                  <audio className="attachment__audio" controls preload="metadata" src={url} onError={markBroken} data-testid="attachment-audio" />
                ) : (
                  <video className="attachment__video" controls preload="metadata" src={url} onError={markBroken} data-testid="attachment-video" />
                )}
                <span className="attachment__caption">
                  {label}
                  {details && <span>{details}</span>}
                  <a href={url} download={attachment.fileName ?? true} data-testid="attachment-download">
                    {t('attachment.download')}
                  </a>
                </span>
                {spoken}
              </li>
            );
          }
          return (
            <li key={index} className="attachment" data-testid="attachment" data-kind={attachment.kind} data-display={display.as}>
              {label}
              {display.as !== 'label' && display.as !== 'pending' && display.as !== 'skipped' ? (
                <a className="attachment__name" href={url} download={attachment.fileName ?? true} data-testid="attachment-download">
                  {details || t('attachment.download')}
                </a>
              ) : (
                details && <span className="attachment__name">{details}</span>
              )}
              {broken.has(index) && <span className="muted">{t('attachment.notShown')}</span>}
              {display.as === 'pending' && (
                <span className="attachment__pending muted" data-testid="attachment-pending">
                  {t('attachment.pending')}
                </span>
              )}
              {display.as === 'skipped' && (
                <span className="attachment__skipped" data-testid="attachment-skipped">
                  {t(display.reason)}
                </span>
              )}
              {spoken}
            </li>
          );
        })}
      </ul>
      {viewed && <MediaViewer photo={viewed} onClose={() => setViewed(null)} />}
    </>
  );
}
