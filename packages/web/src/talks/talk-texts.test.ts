import { describe, expect, it } from 'vitest';
import { sayIn, type TranslatedText } from './talk-texts.ts';

const memory = new Map<string, TranslatedText>([
  [
    'Ратификация',
    {
      source: 'Ратификация',
      language: 'ru',
      translations: { en: 'Ratification', uk: 'Ратифікація' },
    },
  ],
  ['Амнистия', { source: 'Амнистия', language: 'ru', translations: { en: 'Amnesty' } }],
]);

describe('a text of the talks in the reader’s language', () => {
  it('shows the translation into the reader’s language, saying it is one', () => {
    expect(sayIn(memory, 'uk', 'Ратификация')).toMatchObject({
      text: 'Ратифікація',
      written: 'ru',
      isTranslation: true,
      isForeign: false,
    });
  });
  it('shows the original, marked foreign, when there is no translation', () => {
    expect(sayIn(memory, 'uk', 'Амнистия')).toMatchObject({
      text: 'Амнистия',
      isTranslation: false,
      isForeign: true,
    });
  });
  it('shows the text as entered in its own language, and an unknown text as it is', () => {
    expect(sayIn(memory, 'ru', 'Ратификация')).toMatchObject({
      text: 'Ратификация',
      isForeign: false,
    });
    expect(sayIn(memory, 'uk', 'Elections')).toMatchObject({
      text: 'Elections',
      written: null,
      isForeign: false,
    });
  });
});
