import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../i18n/resources.ts';
import { agreementNameIn } from './agreement-name.ts';

describe('an agreement’s name in the reader’s language', () => {
  it.each([
    ['uk', 'Istanbul, 2 June 2025', 'Стамбул, 2 червня 2025'],
    ['ru', 'Istanbul, 16 May 2025', 'Стамбул, 16 мая 2025'],
    ['en', 'Dix–Hill cartel', 'Dix–Hill cartel'],
    // A name of the mediator's own is data: shown as written, in any language.
    ['uk', 'Istanbul, 2 June 2025 (web)', 'Istanbul, 2 June 2025 (web)'],
    ['ru', 'Обмін 24 серпня', 'Обмін 24 серпня'],
  ] as const)('in %s reads "%s" as "%s"', async (language, name, shown) => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: language,
      resources: { [language]: { translation: resources[language] } },
    });
    expect(agreementNameIn(i18n.t, name)).toBe(shown);
  });
});
