import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.ts';
import { useWorkspace } from '../session/workspace.tsx';

export const TEXT_LANGUAGES = ['en', 'uk', 'ru'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

/** A text of the talks as entered, the language it was written in, and its translations. */
export interface TranslatedText {
  source: string;
  language: TextLanguage;
  translations: Partial<Record<TextLanguage, string>>;
}

/** How a text of the talks reads to someone reading in a language. */
export interface SaidText {
  /** What to show: the translation when there is one, else the text as entered. */
  text: string;
  /** The text as entered. */
  source: string;
  /** The language it was written in, when someone said. */
  written: TextLanguage | null;
  /** Whether `text` is a translation (the original is another language). */
  isTranslation: boolean;
  /** Whether `text` is the original in another language, not translated yet. */
  isForeign: boolean;
  entry: TranslatedText | null;
}

/** A text in a reader's language, from the talks' translation memory. */
export function sayIn(
  memory: ReadonlyMap<string, TranslatedText>,
  language: string,
  source: string,
): SaidText {
  const entry = memory.get(source) ?? null;
  const reader = language.slice(0, 2) as TextLanguage;
  if (!entry || entry.language === reader)
    return {
      text: source,
      source,
      written: entry?.language ?? null,
      isTranslation: false,
      isForeign: false,
      entry,
    };
  const translation = entry.translations[reader];
  return {
    text: translation ?? source,
    source,
    written: entry.language,
    isTranslation: translation !== undefined,
    isForeign: translation === undefined,
    entry,
  };
}

export const translationsKey = (mechanismId: string) =>
  ['talks', mechanismId, 'translations'] as const;

/** The query of a mechanism's translation memory, for pages that read several mechanisms' (the inbox). */
export const translationMemoryQuery = (mechanismId: string) => ({
  queryKey: translationsKey(mechanismId),
  queryFn: () =>
    call('get', '/mechanisms/{mechanism}/talks/translations', {
      params: { mechanism: mechanismId },
    }),
  staleTime: 60_000,
});

/** The talks' translation memory of a mechanism, by text as entered. */
export function useTranslationMemory(mechanismId: string) {
  return useQuery({
    ...translationMemoryQuery(mechanismId),
    select: (entries) => new Map(entries.map((e) => [e.source, e])),
  });
}

/**
 * The texts of the talks in the reader's language: `say` gives the words to show (for labels,
 * options, link names), `said` how they relate to the text as entered (for TalkText).
 */
export function useTalkTexts() {
  const { i18n } = useTranslation();
  const { mechanism } = useWorkspace();
  const memory = useTranslationMemory(mechanism.id);
  const language = i18n.language;
  return useMemo(() => {
    const entries = memory.data ?? new Map<string, TranslatedText>();
    const said = (source: string) => sayIn(entries, language, source);
    const say = (source: string | null | undefined) => (source ? said(source).text : '');
    return { said, say, isLoaded: memory.isSuccess };
  }, [memory.data, memory.isSuccess, language]);
}

/**
 * Texts of several mechanisms in the reader's language, from each one's translation memory:
 * `say(mechanismId, text)`. For pages that are not inside one mechanism's workspace (the inbox,
 * the choice of workspace), and for a mechanism's own name, which its mediator wrote.
 */
export function useTextsOfMechanisms(mechanismIds: readonly string[]) {
  const { i18n } = useTranslation();
  const ids = [...new Set(mechanismIds)];
  const memories = useQueries({ queries: ids.map(translationMemoryQuery) });
  // A few hundred texts at most: read again on each render rather than remembered.
  const byMechanism = new Map(
    ids.map((id, i) => [
      id,
      new Map((memories[i]?.data ?? []).map((entry) => [entry.source, entry])),
    ]),
  );
  return (mechanismId: string, text: string) =>
    sayIn(byMechanism.get(mechanismId) ?? new Map(), i18n.language, text).text;
}

/** Says which language a text is written in and sets its translations (null removes one). */
export function useTranslate(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      source: string;
      language: TextLanguage;
      translations: Partial<Record<TextLanguage, string | null>>;
    }) =>
      call('put', '/mechanisms/{mechanism}/talks/translations', {
        params: { mechanism: mechanismId },
        json: input,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: translationsKey(mechanismId) }),
  });
}
