import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { transliterate } from './transliterate-simple.ts';

const UK_UPPER = Array.from('АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ');
const RU_UPPER = Array.from('АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ');

function word(letters: readonly string[], minLength: number): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...letters), { minLength, maxLength: 12 })
    .map((cs) => cs.join(''));
}

describe('transliterate, Ukrainian (KMU 2010)', () => {
  // the examples of the resolution's own table
  it.each([
    ['Алушта', 'Alushta'],
    ['Борщагівка', 'Borshchahivka'],
    ['Вишгород', 'Vyshhorod'],
    ['Гадяч', 'Hadiach'],
    ['Згорани', 'Zghorany'],
    ['Ґалаґан', 'Galagan'],
    ['Рівне', 'Rivne'],
    ['Єнакієве', 'Yenakiieve'],
    ['Гаєвич', 'Haievych'],
    ['Житомир', 'Zhytomyr'],
    ['Закарпаття', 'Zakarpattia'],
    ['Іршава', 'Irshava'],
    ['Їжакевич', 'Yizhakevych'],
    ['Кадиївка', 'Kadyivka'],
    ['Йосипівка', 'Yosypivka'],
    ['Стрий', 'Stryi'],
    ['Олексій', 'Oleksii'],
    ['Юрій', 'Yurii'],
    ['Корюківка', 'Koriukivka'],
    ['Яготин', 'Yahotyn'],
    ['Костянтин', 'Kostiantyn'],
    ["Знам'янка", 'Znamianka'],
    ['Феодосія', 'Feodosiia'],
    ['Щербухи', 'Shcherbukhy'],
    ['Гоща', 'Hoshcha'],
    ['Харків', 'Kharkiv'],
    ['Ціпко', 'Tsipko'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(transliterate(cyrillic, 'uk')).toBe(latin);
  });

  it('writes the names of the lists as Ukrainian passports do', () => {
    expect(transliterate('Олександр', 'uk')).toBe('Oleksandr');
    expect(transliterate("В'ячеслав", 'uk')).toBe('Viacheslav');
    expect(transliterate('Ковальчук', 'uk')).toBe('Kovalchuk');
    expect(transliterate('Івано-Франківськ', 'uk')).toBe('Ivano-Frankivsk');
    expect(transliterate('Шевченко Тарас Григорович', 'uk')).toBe('Shevchenko Taras Hryhorovych');
  });

  it('keeps ALL-CAPS input in capitals, multi-letter sounds included', () => {
    expect(transliterate('ЩЕРБАК', 'uk')).toBe('SHCHERBAK');
    expect(transliterate('ЮРІЙ', 'uk')).toBe('YURII');
    expect(transliterate('ЖУК', 'uk')).toBe('ZHUK');
    expect(transliterate('ОЛЕКСАНДР ШЕВЧЕНКО', 'uk')).toBe('OLEKSANDR SHEVCHENKO');
    expect(transliterate("В'ЯЧЕСЛАВ", 'uk')).toBe('VIACHESLAV');
    expect(transliterate('ЛЬВІВ', 'uk')).toBe('LVIV');
    expect(transliterate('ЩУР Я. Ю.', 'uk')).toBe('SHCHUR YA. YU.');
    expect(transliterate('Щур Я. Ю.', 'uk')).toBe('Shchur Ya. Yu.');
  });

  it('leaves Latin letters, digits and punctuation as they are', () => {
    expect(transliterate('в/ч А1234', 'uk')).toBe('v/ch A1234');
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9 .,-]*$/), (text) => {
        expect(transliterate(text, 'uk')).toBe(text);
        expect(transliterate(text, 'ru')).toBe(text);
      }),
    );
  });
});

describe('transliterate, Russian', () => {
  it.each([
    ['Александр', 'Aleksandr'],
    ['Хабаровск', 'Khabarovsk'],
    ['Рыбаков', 'Rybakov'],
    ['Пётр', 'Petr'],
    ['Эдуард', 'Eduard'],
    ['Андрей', 'Andrei'],
    ['Юрий', 'Yurii'],
    ['Йошкар-Ола', 'Yoshkar-Ola'],
    ['Сергеевич', 'Sergeevich'],
    ['Щукин', 'Shchukin'],
    ['Цветков', 'Tsvetkov'],
    ['Подъячев', 'Podieiachev'],
    ['Игорь', 'Igor'],
  ])('%s → %s', (cyrillic, latin) => {
    expect(transliterate(cyrillic, 'ru')).toBe(latin);
  });

  it('keeps ALL-CAPS input in capitals', () => {
    expect(transliterate('ЩУКИН ЮРИЙ', 'ru')).toBe('SHCHUKIN YURII');
  });
});

describe('transliterate, properties', () => {
  // a lone capital is an initial and reads as capitalised, so the words have two letters or more
  it('turns an all-capitals Cyrillic word into an all-capitals ASCII word', () => {
    for (const [language, letters] of [
      ['uk', UK_UPPER],
      ['ru', RU_UPPER],
    ] as const) {
      fc.assert(
        fc.property(word(letters, 2), (text) => {
          const latin = transliterate(text, language);
          expect(latin).toMatch(/^[A-Z]*$/);
        }),
      );
    }
  });

  it('turns a capitalised word into a capitalised ASCII word', () => {
    for (const [language, letters] of [
      ['uk', UK_UPPER],
      ['ru', RU_UPPER],
    ] as const) {
      // a word cannot start with a soft or hard sign
      const heads = letters.filter((c) => c !== 'Ь' && c !== 'Ъ');
      fc.assert(
        fc.property(fc.constantFrom(...heads), word(letters, 0), (head, rest) => {
          const latin = transliterate(head + rest.toLowerCase(), language);
          expect(latin).toMatch(/^[A-Z][a-z]*$/);
        }),
      );
    }
  });
});
