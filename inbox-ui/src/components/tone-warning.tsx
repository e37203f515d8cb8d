import type { ToneFinding } from '../api/workspace-types';
import { useI18n } from '../i18n/i18n-context';

/** The tone check's findings before a reply goes out: it warns, the agent decides. */
export function ToneWarning({ findings, onSend, onEdit }: { findings: ToneFinding[]; onSend: () => void; onEdit: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice--warn tone" role="alertdialog" aria-labelledby="tone-title" data-testid="tone-warning">
      <p id="tone-title" className="tone__title">
        {t('ws.tone.title')}
      </p>
      <ul className="tone__list">
        {findings.map((f) => (
          <li key={`${f.start}-${f.end}`}>
            <mark>{f.match}</mark> — {t(`ws.tone.${f.category}`)}
            {f.suggestion && <span className="muted"> · {t('ws.tone.suggest', { text: f.suggestion })}</span>}
          </li>
        ))}
      </ul>
      <div className="tone__actions">
        <button type="button" className="button button--primary" onClick={onEdit} autoFocus data-testid="tone-edit">
          {t('ws.tone.edit')}
        </button>
        <button type="button" className="button" onClick={onSend} data-testid="tone-send-anyway">
          {t('ws.tone.sendAnyway')}
        </button>
      </div>
    </div>
  );
}
