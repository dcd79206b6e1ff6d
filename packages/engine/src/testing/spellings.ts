// How clerks write names: patronymics and feminine forms in each language, Latin spellings by
// several systems and by ear, and the typing and hearing errors of lists made by hand.
import { transliterate, type TranslitSystem } from '../translit/transliterate.ts';

/** A source of random numbers in [0, 1). */
export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

export const chance = (random: Random, p: number): boolean => random() < p;

/** The patronymic of a father's given name, in Ukrainian or Russian, masculine or feminine. */
export function patronymicOf(father: string, language: 'uk' | 'ru', female: boolean): string {
  const irregular = IRREGULAR[language][father];
  if (irregular !== undefined) return irregular[female ? 1 : 0];
  const last = father.slice(-1);
  const stem = father.slice(0, -1);
  if (language === 'uk') {
    if (last === 'о' || last === 'а') return stem + (female ? 'івна' : 'ович');
    if (last === 'й') return female ? `${stem}ївна` : `${father}ович`;
    if (last === 'ь') return female ? `${stem}івна` : `${father}ович`;
    return father + (female ? 'івна' : 'ович');
  }
  if (father.endsWith('ий')) return father.slice(0, -2) + (female ? 'иевна' : 'иевич');
  if (last === 'й' || last === 'ь') return stem + (female ? 'евна' : 'евич');
  if (last === 'а') return stem + (female ? 'ична' : 'ич');
  return father + (female ? 'овна' : 'ович');
}

const IRREGULAR: Record<'uk' | 'ru', Record<string, readonly [string, string]>> = {
  uk: {
    Микола: ['Миколайович', 'Миколаївна'],
    Ілля: ['Ілліч', 'Іллівна'],
    Яків: ['Якович', 'Яківна'],
    Федір: ['Федорович', 'Федорівна'],
  },
  ru: {
    Николай: ['Николаевич', 'Николаевна'],
    Илья: ['Ильич', 'Ильинична'],
    Пётр: ['Петрович', 'Петровна'],
    Петр: ['Петрович', 'Петровна'],
    Павел: ['Павлович', 'Павловна'],
    Михаил: ['Михайлович', 'Михайловна'],
    Лев: ['Львович', 'Львовна'],
    Яков: ['Яковлевич', 'Яковлевна'],
    Сергей: ['Сергеевич', 'Сергеевна'],
    Андрей: ['Андреевич', 'Андреевна'],
    Алексей: ['Алексеевич', 'Алексеевна'],
  },
};

/** The feminine form of a surname, where the language has one. */
export function feminineOf(surname: string): string {
  for (const [masculine, feminine] of FEMININE) {
    if (surname.endsWith(masculine)) return surname.slice(0, -masculine.length) + feminine;
  }
  return surname;
}

const FEMININE: readonly (readonly [string, string])[] = [
  ['ський', 'ська'],
  ['ский', 'ская'],
  ['цький', 'цька'],
  ['ий', 'а'],
  ['ый', 'ая'],
  ['ов', 'ова'],
  ['ев', 'ева'],
  ['ёв', 'ёва'],
  ['єв', 'єва'],
  ['ин', 'ина'],
  ['ін', 'іна'],
  ['ой', 'ая'],
];

const UK_SYSTEMS: readonly TranslitSystem[] = ['uk-kmu-2010', 'uk-kmu-2010', 'uk-bgn-pcgn-1965'];
const RU_SYSTEMS: readonly TranslitSystem[] = ['ru-icao-9303', 'ru-bgn-pcgn', 'ru-gost-7.79-b'];

// Spellings by ear and by older or foreign habits, applied to an official romanisation.
const BY_EAR: readonly (readonly [RegExp, string])[] = [
  [/kh/g, 'h'],
  [/iy\b/g, 'y'],
  [/yi\b/g, 'y'],
  [/ii\b/g, 'i'],
  [/ks/g, 'x'],
  [/ts/g, 'tz'],
  [/shch/g, 'sch'],
  [/zh/g, 'j'],
  [/ya/g, 'ia'],
  [/yu/g, 'iu'],
  [/v\b/g, 'w'],
  [/ov\b/g, 'off'],
  [/e/g, 'ye'],
  [/y/g, 'i'],
  [/h/g, 'g'],
];

/** A Latin spelling of a Cyrillic name: an official system, sometimes changed by ear. */
export function latinSpelling(random: Random, name: string, language: 'uk' | 'ru'): string {
  const system = pick(random, language === 'uk' ? UK_SYSTEMS : RU_SYSTEMS);
  let latin = transliterate(name, system);
  if (chance(random, 0.35)) {
    const [pattern, replacement] = pick(random, BY_EAR);
    const lower = latin.toLowerCase().replace(pattern, replacement);
    latin = lower.charAt(0).toUpperCase() + lower.slice(1);
  }
  return latin;
}

// Letters a clerk confuses when hearing or copying, in both scripts.
const CONFUSED: Readonly<Record<string, string>> = {
  а: 'о', о: 'а', е: 'и', и: 'е', і: 'и', ы: 'и', э: 'е', ш: 'щ', щ: 'ш', з: 'с', с: 'з',
  т: 'д', д: 'т', к: 'г', г: 'к', х: 'г', в: 'ф', б: 'п', п: 'б', ц: 'ч', ч: 'ц', н: 'м',
  м: 'н', р: 'л', у: 'ю', ю: 'у', я: 'а', й: 'и', є: 'е', ї: 'і',
  a: 'o', o: 'a', e: 'i', i: 'e', y: 'i', k: 'c', c: 'k', s: 'z', z: 's', t: 'd', d: 't',
  v: 'w', w: 'v', b: 'p', p: 'b', n: 'm', m: 'n', r: 'l', l: 'r', u: 'o', h: 'g', g: 'h',
}; // prettier-ignore

/** One typing or hearing error: a confused, dropped, doubled, inserted or swapped letter. */
export function typo(random: Random, word: string): string {
  const chars = Array.from(word);
  if (chars.length < 3) return word;
  const i = 1 + Math.floor(random() * (chars.length - 1));
  const ch = chars[i]!;
  const lower = ch.toLowerCase();
  switch (Math.floor(random() * 5)) {
    case 0: {
      const other = CONFUSED[lower];
      if (other !== undefined) chars[i] = other;
      else chars.splice(i, 1);
      break;
    }
    case 1:
      chars.splice(i, 1);
      break;
    case 2:
      chars.splice(i, 0, ch);
      break;
    case 3:
      chars.splice(i, 0, pick(random, Array.from(isLatin(word) ? 'aeikmnorstv' : 'аеикмнорств')));
      break;
    default:
      if (i + 1 < chars.length) [chars[i], chars[i + 1]] = [chars[i + 1]!, ch];
      else chars.splice(i, 1);
  }
  return chars.join('');
}

const isLatin = (word: string): boolean => /^[\x20-\x7e]*$/.test(word);

/** A name mangled beyond one typo, as a tired clerk writes it: two letters dropped or changed. */
export function mangle(random: Random, word: string): string {
  return typo(random, typo(random, word));
}
