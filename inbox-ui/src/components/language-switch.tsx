import { useI18n } from '../i18n/i18n-context';
import { isLocale, LOCALES } from '../i18n/locales';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <select
      className="lang-switch"
      data-testid="lang-switch"
      aria-label={t('lang.label')}
      value={locale}
      onChange={(event) => {
        if (isLocale(event.target.value)) setLocale(event.target.value);
      }}
    >
      {LOCALES.map((code) => (
        <option key={code} value={code} lang={code}>
          {t(`lang.${code}`)}
        </option>
      ))}
    </select>
  );
}
