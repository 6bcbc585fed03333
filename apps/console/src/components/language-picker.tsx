import { useContext } from 'preact/hooks';
import { LANGUAGES, type Language, LanguageContext } from '../i18n/i18n';

const NAMES: Record<Language, string> = { 'zh-CN': '中文', en: 'English' };

export function LanguagePicker({ onLanguage }: { onLanguage: (language: Language) => void }) {
  const { language, t } = useContext(LanguageContext);
  return (
    <label class="inline">
      {t('app.language')}{' '}
      <select value={language} onChange={(e) => onLanguage(e.currentTarget.value as Language)}>
        {LANGUAGES.map((code) => (
          <option value={code} lang={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
