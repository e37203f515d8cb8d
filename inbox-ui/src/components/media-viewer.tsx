/**
 * A photo, large: opens over the thread, fitted to the window; a click on the picture (or the
 * button) toggles its actual size, Escape or a click beside it closes, focus returns to the
 * thumbnail. The image comes from the same URL as the thumbnail (the browser's cache).
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useI18n } from '../i18n/i18n-context';

export interface ViewedPhoto {
  src: string;
  alt: string;
  fileName: string;
}

export function MediaViewer({ photo, onClose }: { photo: ViewedPhoto; onClose: () => void }) {
  const { t } = useI18n();
  const [actual, setActual] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => previous?.focus();
  }, []);

  // Into <body>: the virtual thread's rows are transformed, which would pin a fixed overlay to the row.
  return createPortal(
    <div
      className="media-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={t('viewer.title')}
      data-testid="media-viewer"
      data-zoom={actual ? 'actual' : 'fit'}
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
        // Focus stays on the viewer's own buttons while it is open.
        if (e.key === 'Tab') {
          const items = [...e.currentTarget.querySelectorAll<HTMLElement>('button, [href]')];
          const index = items.indexOf(document.activeElement as HTMLElement);
          const next = items[(index + (e.shiftKey ? items.length - 1 : 1)) % items.length];
          if (next) {
            e.preventDefault();
            next.focus();
          }
        }
      }}
    >
      <div className="media-viewer__bar">
        <span className="media-viewer__name">{photo.fileName}</span>
        <button type="button" className="button button--small media-viewer__button" data-testid="media-viewer-zoom" onClick={() => setActual((v) => !v)}>
          {actual ? t('viewer.fit') : t('viewer.actual')}
        </button>
        <a className="button button--small media-viewer__button" href={photo.src} download={photo.fileName}>
          {t('attachment.download')}
        </a>
        <button ref={closeButton} type="button" className="button button--small media-viewer__button" data-testid="media-viewer-close" onClick={onClose}>
          {t('viewer.close')}
        </button>
      </div>
      <div className="media-viewer__stage" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
        <img
          className={actual ? 'media-viewer__img media-viewer__img--actual' : 'media-viewer__img'}
          src={photo.src}
          alt={photo.alt}
          data-testid="media-viewer-image"
          onClick={() => setActual((v) => !v)}
        />
      </div>
    </div>,
    document.body,
  );
}
