/**
 * An email in the thread: the new text of the mail (quoted history and signature trimmed),
 * why it was placed in this conversation, and one click away the full original text or the
 * formatted mail, whose remote images load only when the agent asks.
 */
import { useState } from 'react';
import type { Message } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { isMessageKey } from '../i18n/locales';
import { hasRemoteImages } from '../lib/email-html';
import { AttachmentList } from './attachment-list';
import { EmailHtmlFrame } from './email-html-frame';
import '../email.css';

type View = 'text' | 'original' | 'html';

function placement(meta: Record<string, unknown>): string | null {
  const threading = meta.threading;
  if (typeof threading !== 'object' || threading === null) return null;
  const reason = (threading as { reason?: unknown }).reason;
  return typeof reason === 'string' ? reason : null;
}

export function EmailMessageBody({ message }: { message: Message }) {
  const { t } = useI18n();
  const [view, setView] = useState<View>('text');
  const [remote, setRemote] = useState(false);
  const meta = message.meta ?? {};
  const fullText = typeof meta.fullText === 'string' ? meta.fullText : null;
  const reason = placement(meta);
  const reasonKey = reason ? `email.placed.${reason}` : null;
  const html = message.html ?? null;
  const showOriginal = fullText !== null && fullText.trim() !== message.content.trim();
  const toggle = (next: View) => setView((current) => (current === next ? 'text' : next));

  return (
    <div className="msg__body email-msg">
      {reasonKey && isMessageKey(reasonKey) && (
        <div className="email-msg__placed muted" data-testid="email-placement" data-reason={reason}>
          {t(reasonKey)}
        </div>
      )}
      {view === 'text' && message.content && (
        <div className="msg__text" data-testid="email-text">
          {message.content}
        </div>
      )}
      {view === 'original' && (
        <pre className="email-msg__original" data-testid="email-original">
          {fullText}
        </pre>
      )}
      {view === 'html' && html && (
        <>
          {hasRemoteImages(html) && !remote && (
            <div className="notice notice--info email-msg__blocked">
              {t('email.imagesBlocked')}{' '}
              <button type="button" className="button button--small" onClick={() => setRemote(true)} data-testid="email-load-images">
                {t('email.loadImages')}
              </button>
            </div>
          )}
          <EmailHtmlFrame html={html} allowRemote={remote} />
        </>
      )}
      {(showOriginal || html) && (
        <div className="email-msg__tools">
          {showOriginal && (
            <button type="button" className="button button--ghost button--small" aria-pressed={view === 'original'} onClick={() => toggle('original')} data-testid="email-toggle-original">
              {view === 'original' ? t('email.hideOriginal') : t('email.showOriginal')}
            </button>
          )}
          {html && (
            <button type="button" className="button button--ghost button--small" aria-pressed={view === 'html'} onClick={() => toggle('html')} data-testid="email-toggle-html">
              {view === 'html' ? t('email.hideHtml') : t('email.showHtml')}
            </button>
          )}
        </div>
      )}
      <AttachmentList attachments={message.attachments} messageId={message.id} />
    </div>
  );
}
