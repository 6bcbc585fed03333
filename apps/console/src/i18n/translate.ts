import { type MessageKey, en } from './en';
import type { Language } from './language';
import { zhCN } from './zh-CN';

const MESSAGES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type Translate = (key: MessageKey, params?: Record<string, string | number | null | undefined>) => string;

export function translator(language: Language): Translate {
  return (key, params = {}) =>
    MESSAGES[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? '—'));
}

/** The kinds of code the engine sends that the console says in words (keys `<group>.<code>`). */
export type CodeGroup = 'via' | 'leadStatus' | 'channel' | 'followUpKind' | 'lineKind' | 'releaseReason' | 'skipReason';

/** A code (a lead's status, how an owner got the customer…) in words; a code without words shows as it is. */
export function codeLabel(t: Translate, group: CodeGroup, code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  const key = `${group}.${code}`;
  return Object.hasOwn(en, key) ? t(key as MessageKey) : code;
}
