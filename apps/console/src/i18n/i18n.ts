import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MessageKey } from './en';
import { type Language, LANGUAGES } from './language';
import { type CodeGroup, type Translate, codeLabel, translator } from './translate';

export { type CodeGroup, type Language, LANGUAGES, type Translate, codeLabel, translator };

const CHOICE_ITEM = 'leadledger.console.language';

/** The language chosen before in this browser, else the browser's first one (zh-* → zh-CN), else English. */
export function initialLanguage(): Language {
  const chosen = localStorage.getItem(CHOICE_ITEM);
  if (chosen === 'en' || chosen === 'zh-CN') return chosen;
  const preferred = navigator.languages[0] ?? navigator.language ?? 'en';
  return preferred.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(CHOICE_ITEM, language);
}

export const LanguageContext = createContext<{ language: Language; t: Translate }>({
  language: 'en',
  t: translator('en'),
});

export function useT(): Translate {
  return useContext(LanguageContext).t;
}

export type { MessageKey };
