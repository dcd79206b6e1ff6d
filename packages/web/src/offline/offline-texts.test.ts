import { describe, expect, it } from 'vitest';
import { offlineTextsIn } from './offline-texts.ts';

const stage = {
  mechanism: { id: 'm', name: 'UA–RU demo (Istanbul 2025)' },
  stage: { number: 1, place: 'Belarus–Ukraine border', date: '2025-06-09', status: 'executing' },
};
const texts = [
  {
    source: 'UA–RU demo (Istanbul 2025)',
    language: 'en' as const,
    translations: {
      uk: 'Демонстрація UA–RU (Стамбул, 2025)',
      ru: 'Демонстрация UA–RU (Стамбул, 2025)',
    },
  },
  {
    source: 'Belarus–Ukraine border',
    language: 'en' as const,
    translations: { uk: 'Кордон Білорусі й України' },
  },
];

describe('the texts of a stage kept offline', () => {
  it("says the mechanism's name and the place in the reader's language, from the entries kept", () => {
    expect(offlineTextsIn({ ...stage, texts }, 'uk')).toEqual({
      mechanism: 'Демонстрація UA–RU (Стамбул, 2025)',
      place: 'Кордон Білорусі й України',
    });
  });

  it('says a text as entered where no translation was kept, and for a stage kept before texts were', () => {
    expect(offlineTextsIn({ ...stage, texts }, 'ru').place).toBe('Belarus–Ukraine border');
    expect(offlineTextsIn(stage, 'uk')).toEqual({
      mechanism: 'UA–RU demo (Istanbul 2025)',
      place: 'Belarus–Ukraine border',
    });
  });
});
