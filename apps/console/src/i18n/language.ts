/** The console's languages; kept apart from i18n.ts so pure helpers need no Preact. */
export type Language = 'en' | 'zh-CN';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
