import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useSendMessage } from '../hooks/use-send-message';
import { useI18n } from '../i18n/i18n-context';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function Composer({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const send = useSendMessage(conversationId);
  const [text, setText] = useState('');
  const [isPrivate, setPrivate] = useState(false);
  const canSend = text.trim().length > 0 && !send.isPending;

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    send.mutate({ content: text, isPrivate }, { onSuccess: () => setText('') });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form className={`composer${isPrivate ? ' composer--private' : ''}`} onSubmit={submit}>
      {send.isError && (
        <p className="notice notice--error" role="alert" data-testid="composer-error">
          {t('composer.error', { message: send.error.message })}
        </p>
      )}
      <textarea
        className="composer__input"
        data-testid="composer-input"
        aria-label={isPrivate ? t('composer.private') : t('composer.label')}
        placeholder={isPrivate ? t('composer.placeholderPrivate') : t('composer.placeholder')}
        rows={3}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer__bar">
        <label className="toggle">
          <input
            type="checkbox"
            role="switch"
            data-testid="composer-private"
            checked={isPrivate}
            onChange={(event) => setPrivate(event.target.checked)}
          />
          <span>{t('composer.private')}</span>
        </label>
        <span className="composer__hint muted">{IS_MAC ? t('composer.hintMac') : t('composer.hint')}</span>
        <button type="submit" className="button button--primary" data-testid="composer-send" disabled={!canSend}>
          {send.isPending ? t('composer.sending') : isPrivate ? t('composer.addNote') : t('composer.send')}
        </button>
      </div>
    </form>
  );
}
