/**
 * The bottom of a bot settings form: the server's error, "saved" after a save and the submit
 * button. `testId` prefixes the test ids (`<testId>-error`, `-saved`, `-save`).
 */
import { useI18n } from '../i18n/i18n-context';

/** What the bar shows of a save mutation (react-query's isPending, isSuccess, error). */
export interface SaveState {
  isPending: boolean;
  isSuccess: boolean;
  error: Error | null;
}

export function BotSaveBar({ save, disabled, testId }: { save: SaveState; disabled: boolean; testId: string }) {
  const { t } = useI18n();
  return (
    <>
      {save.error && (
        <p className="notice notice--error" role="alert" data-testid={`${testId}-error`}>
          {t('bot.saveError', { message: save.error.message })}
        </p>
      )}
      <div className="mb-form__bar">
        {save.isSuccess && (
          <span className="bot-saved" role="status" data-testid={`${testId}-saved`}>
            {t('bot.saved')}
          </span>
        )}
        <button type="submit" className="button button--primary" disabled={save.isPending || disabled} data-testid={`${testId}-save`}>
          {save.isPending ? t('bot.saving') : t('bot.save')}
        </button>
      </div>
    </>
  );
}
