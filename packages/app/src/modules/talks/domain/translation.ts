/** The languages of the interface, in which a text of the talks is written or translated. */
export const TEXT_LANGUAGES = ['en', 'uk', 'ru'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

/** A text of the talks as entered, the language it was written in, and its translations. */
export interface TranslatedText {
  source: string;
  language: TextLanguage;
  translations: Partial<Record<TextLanguage, string>>;
}

/**
 * The translations after a change: a text sets a language's translation, null removes it; the
 * language the source is written in never gets one (the source is that language's text).
 */
export function mergedTranslations(
  language: TextLanguage,
  before: Partial<Record<TextLanguage, string>>,
  change: Partial<Record<TextLanguage, string | null>>,
): Partial<Record<TextLanguage, string>> {
  const after: Partial<Record<TextLanguage, string>> = {};
  for (const lang of TEXT_LANGUAGES) {
    if (lang === language) continue;
    const changed = change[lang];
    const text = changed === undefined ? before[lang] : (changed?.trim() ?? '');
    if (text) after[lang] = text;
  }
  return after;
}

/** A text in a reader's language: its translation when there is one, else the text as entered. */
export function inLanguage(
  text: string,
  language: TextLanguage | undefined,
  memory: ReadonlyMap<string, TranslatedText>,
): string {
  if (!language) return text;
  const entry = memory.get(text);
  if (!entry || entry.language === language) return text;
  return entry.translations[language] ?? text;
}
