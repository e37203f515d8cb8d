import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/en';
import { Modal } from './modal';

export const SHORTCUTS: { keys: string; what: MessageKey }[] = [
  { keys: 'j', what: 'ws.shortcuts.next' },
  { keys: 'k', what: 'ws.shortcuts.prev' },
  { keys: 'r', what: 'ws.shortcuts.reply' },
  { keys: 'n', what: 'ws.shortcuts.note' },
  { keys: 'e', what: 'ws.shortcuts.resolve' },
  { keys: 'a', what: 'ws.shortcuts.assignMe' },
  { keys: 'c', what: 'ws.shortcuts.contact' },
  { keys: '/', what: 'ws.shortcuts.search' },
  { keys: 'Ctrl+Enter', what: 'ws.shortcuts.send' },
  { keys: 'Esc', what: 'ws.shortcuts.close' },
  { keys: '?', what: 'ws.shortcuts.help' },
];

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal title={t('ws.shortcuts.title')} onClose={onClose} testId="shortcut-sheet">
      <dl className="shortcuts">
        {SHORTCUTS.map((s) => (
          <div key={s.keys} className="shortcuts__row">
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{t(s.what)}</dd>
          </div>
        ))}
      </dl>
      <div className="form__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('ws.canned.close')}
        </button>
      </div>
    </Modal>
  );
}
