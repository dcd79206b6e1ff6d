import { ERROR_CODES } from '@parley/kernel/http';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../i18n/resources.ts';
import { apiErrorText } from './api-error-text.ts';

describe('the API error codes in the user’s language', () => {
  it.each(['en', 'uk', 'ru'] as const)(
    'says every code the server may answer in %s, the codes apart',
    async (language) => {
      const i18n = i18next.createInstance();
      await i18n.init({
        lng: language,
        resources: { [language]: { translation: resources[language] } },
      });
      const texts = [...ERROR_CODES, 'NETWORK'].map((code) => apiErrorText(i18n.t, code));
      expect(texts.filter((text) => text === null)).toEqual([]);
      // Only the two "file has errors" codes of lists and of the talks share their words.
      expect(new Set(texts).size).toBe(ERROR_CODES.length);
    },
  );

  it('leaves a code it does not know to the server’s message', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'uk', resources: { uk: { translation: resources.uk } } });
    expect(apiErrorText(i18n.t, 'FUTURE.CODE')).toBeNull();
    expect(apiErrorText(i18n.t, 'ACCESS.FORBIDDEN')).toBe('Ваша роль не дозволяє цього зробити.');
  });
});
