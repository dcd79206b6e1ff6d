import { transliterate } from '@parley/engine';
import type { Rng } from './prng.ts';

// letters a clerk hearing or copying a name confuses most often
const CONFUSED: Readonly<Record<string, string>> = {
  а: 'о', о: 'а', е: 'и', и: 'е', ы: 'и', ё: 'е', э: 'е', ш: 'щ', щ: 'ш', з: 'с', с: 'з',
  т: 'д', д: 'т', к: 'г', г: 'к', х: 'г', в: 'ф', ф: 'в', б: 'п', п: 'б', ц: 'ч', ч: 'ц',
  н: 'м', м: 'н', л: 'н', р: 'л', у: 'ю', ю: 'у', я: 'а', й: 'и',
}; // prettier-ignore

/** Introduces one typing error into a Cyrillic surname: a confused, dropped, doubled or swapped letter. */
export function surnameTypo(rng: Rng, surname: string): string {
  const chars = Array.from(surname);
  if (chars.length < 3) return surname;
  for (let attempt = 0; attempt < 8; attempt++) {
    // the capital letter is rarely the one mistyped
    const i = rng.int(1, chars.length - 1);
    const ch = chars[i] ?? '';
    const copy = [...chars];
    const kind = rng.int(0, 3);
    if (kind === 0) {
      const other = CONFUSED[ch];
      if (other === undefined) continue;
      copy[i] = other;
    } else if (kind === 1) {
      copy.splice(i, 1);
    } else if (kind === 2) {
      copy.splice(i, 0, ch);
    } else {
      const next = chars[i + 1];
      if (next === undefined || next === ch) continue;
      copy[i] = next;
      copy[i + 1] = ch;
    }
    return copy.join('');
  }
  return chars.slice(0, -1).join('');
}

// conventional English spellings, keyed by the Russian form
const ENGLISH: Readonly<Record<string, string>> = {
  Александр: 'Alexander', Алексей: 'Alexey', Сергей: 'Sergey', Дмитрий: 'Dmitry',
  Андрей: 'Andrey', Николай: 'Nikolay', Юрий: 'Yuri', Виталий: 'Vitaly', Евгений: 'Evgeny',
  Василий: 'Vasily', Анатолий: 'Anatoly', Валерий: 'Valery', Геннадий: 'Gennady',
  Григорий: 'Grigory', Георгий: 'Georgy', Аркадий: 'Arkady', Матвей: 'Matvey',
  Тимофей: 'Timofey', Илья: 'Ilya', Петр: 'Peter', Михаил: 'Michael', Павел: 'Paul',
  Юлия: 'Yulia', Наталья: 'Natalya', Татьяна: 'Tatyana', Мария: 'Maria', Дарья: 'Darya',
  Екатерина: 'Ekaterina', Евгения: 'Evgenia', Надежда: 'Nadezhda',
}; // prettier-ignore

/** Offers another Latin spelling of a given name than its KMU form, or undefined if there is none. */
export function latinVariant(rng: Rng, kmu: string, russianForm: string): string | undefined {
  const candidates = new Set<string>([
    transliterate(russianForm, 'ru-icao-9303'),
    ENGLISH[russianForm] ?? '',
    ...olderUkrainianSpellings(kmu),
  ]);
  const different = [...candidates].filter(
    (c) => c !== '' && c.toLowerCase() !== kmu.toLowerCase(),
  );
  return different.length === 0 ? undefined : rng.pick(different);
}

// spellings from before the 2010 table, or from foreign passports and visas
function olderUkrainianSpellings(kmu: string): string[] {
  return [
    kmu.replace(/ii$/, 'iy'),
    kmu.replace(/iia$/, 'ia'),
    kmu.replace(/ndr$/, 'nder'),
    kmu.replace(/ks/, 'x'),
    kmu.replace(/^Yu/, 'Iu'),
    kmu.replace(/(?<![KkZzCcSs])h/g, 'g').replace(/^H/, 'G'),
  ];
}
