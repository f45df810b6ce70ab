import { isLocale, locales, type Locale } from '../../i18n/catalogue.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { themes, useTheme } from '../../theme/ThemeProvider.tsx';

/** Each language is named in itself, so a person can find theirs whatever the current one is. */
const languageNames: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** Language and theme: page-only choices, kept in this browser's localStorage. */
export function AppearanceSettings() {
  const { t, locale, setLocale } = useI18n();
  const { theme, setTheme } = useTheme();
  return (
    <section className="card" aria-labelledby="appearance-title">
      <h2 id="appearance-title" className="visually-hidden">
        {t('settings.language')} / {t('settings.theme')}
      </h2>
      <div className="field">
        <label htmlFor="language">{t('settings.language')}</label>
        <select
          id="language"
          value={locale}
          onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}
        >
          {locales.map((option) => (
            <option key={option} value={option} lang={option}>
              {languageNames[option]}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend>{t('settings.theme')}</legend>
        <div className="segmented">
          {themes.map((option) => (
            <label key={option} className="check">
              <input
                type="radio"
                name="theme"
                value={option}
                checked={theme === option}
                onChange={() => setTheme(option)}
              />
              {t(`theme.${option}`)}
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
