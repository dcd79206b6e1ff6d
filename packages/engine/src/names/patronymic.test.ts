import { describe, expect, it } from 'vitest';
import { MALE_GIVEN_NAMES } from './given-names.data.ts';
import { givenNameKey } from './name-key.ts';
import { transliterate } from '../translit/transliterate.ts';
import { buildPatronymicIndex, patronymicKey, patronymicsOf } from './patronymic.ts';

describe('patronymicKey', () => {
  it.each([
    [
      'Олексій',
      [
        'Олексійович',
        'Олексіївна',
        'Алексеевич',
        'Алексеевна',
        'Oleksiiovych',
        'Alekseevich',
        'Alekseyevna',
      ],
    ],
    ['Сергій', ['Сергійович', 'Сергіївна', 'Сергеевич', 'Сергеевна', 'Serhiiovych', 'Sergeyevich']],
    ['Петро', ['Петрович', 'Петрівна', 'Петровна', 'Petrovych', 'Petrivna', 'Petrovna']],
    [
      'Олександр',
      ['Олександрович', 'Олександрівна', 'Александрович', 'Аляксандравіч', 'Aleksandrowitsch'],
    ],
    ['Дмитро', ['Дмитрович', 'Дмитрівна', 'Дмитриевич', 'Дмитриевна', 'Dmitriyevich']],
    ['Василь', ['Васильович', 'Василівна', 'Васильевич', 'Васильевна', 'Vasylovych']],
    ['Микола', ['Миколайович', 'Миколаївна', 'Николаевич', 'Николаевна', 'Mykolaiovych']],
    ['Ілля', ['Ілліч', 'Іллівна', 'Ильич', 'Ильинична']],
    ['Лев', ['Левович', 'Львович', 'Львовна']],
    ['Яків', ['Якович', 'Яківна', 'Яковлевич', 'Яковлевна']],
    ['Федір', ['Федорович', 'Федорівна', 'Фёдорович', 'Федоровна']],
    ['Ігор', ['Ігорович', 'Ігорівна', 'Игоревич', 'Игоревна']],
  ])('maps the patronymics of %s to its given-name key', (father, patronymics) => {
    for (const patronymic of patronymics) {
      expect(patronymicKey(patronymic), patronymic).toBe(givenNameKey(father));
    }
  });

  it('maps every generated patronymic of the table, romanised or not, to the father', () => {
    const { collisions } = buildPatronymicIndex(MALE_GIVEN_NAMES);
    const clashing = new Set(collisions.map((line) => line.split(' ')[0]));
    const misses: string[] = [];
    for (const entry of MALE_GIVEN_NAMES) {
      const father = givenNameKey(entry.uk);
      for (const form of patronymicsOf(entry)) {
        if (clashing.has(form)) continue;
        for (const spelling of [
          form,
          transliterate(form, 'uk-kmu-2010'),
          transliterate(form, 'ru-icao-9303'),
        ]) {
          if (patronymicKey(spelling) !== father) misses.push(`${spelling} of ${entry.uk}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it('strips the suffix of a patronymic from a name outside the table', () => {
    expect(patronymicKey('Світовидович')).toBe(patronymicKey('Світовидівна'));
    expect(patronymicKey('Svitovydovych')).toBe(givenNameKey('Світовид'));
  });

  it('keeps the patronymics of different fathers apart', () => {
    expect(patronymicKey('Іванович')).not.toBe(patronymicKey('Ігорович'));
    expect(patronymicKey('Назарович')).not.toBe(patronymicKey('Назарійович'));
  });

  it('generates patronymics that clash only where Ukrainian spelling merges them', () => {
    // -ій names and their -ø twins have one feminine patronymic skeleton (Назарівна ~
    // Назаріївна); the more common name of the pair keeps it.
    expect(buildPatronymicIndex(MALE_GIVEN_NAMES).collisions).toEqual([
      'назаріївна (nazarivna) of Назарій is Назар',
      'арсенівна (arsenivna) of Арсен is Арсеній',
      'артеміївна (artemivna) of Артемій is Артем',
      'антоніївна (antonivna) of Антоній is Антон',
    ]);
  });
});
