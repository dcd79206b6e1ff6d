// A generator of two cross-script lists of persons with known true pairs, for tuning and
// measuring the linkage: a sought list in Ukrainian forms and a held list in Russian forms or in
// Latin, with the errors real lists carry. Every rate can be varied, so that the engine is never
// tuned to one kind of list.
import { MALE_GIVEN_NAMES, FEMALE_GIVEN_NAMES } from '../names/given-names.data.ts';
import type { GivenNameEntry } from '../names/given-names.data.ts';
import type { LinkRecord } from '../link/record.ts';
import { seededRandom } from '../train/random.ts';
import {
  chance,
  feminineOf,
  latinSpelling,
  mangle,
  patronymicOf,
  pick,
  type Random,
  typo,
} from './spellings.ts';
import { COMMON_SURNAMES, rareSurname, type SurnamePair } from './surnames.data.ts';

/** How often each kind of error or ambiguity occurs; each is a share of lines or persons. */
export interface ListErrorRates {
  /** Sought persons that the held list names. */
  readonly overlap: number;
  /** Held lines written in Latin letters only. */
  readonly latin: number;
  /** Held lines in Russian rather than Ukrainian forms. */
  readonly russianForms: number;
  /** Latin surnames with a typo; Cyrillic surnames with a typo. */
  readonly latinTypo: number;
  readonly cyrillicTypo: number;
  /** Given names mangled (two letters dropped or changed). */
  readonly mangledGiven: number;
  /** Per list line: no date of birth; only its year; day and month swapped; a digit wrong. */
  readonly missingBirthDate: number;
  readonly yearOnly: number;
  readonly swappedBirthDate: number;
  readonly wrongDigit: number;
  readonly missingPatronymic: number;
  /** Lines with a service number, and of those a digit wrong on the held side. */
  readonly serviceNumber: number;
  readonly serviceNumberTypo: number;
  /** Persons with a namesake (same surname and given name, born another day) in the population. */
  readonly namesakes: number;
  /** Persons with a brother (same surname and father) in the population. */
  readonly brothers: number;
  /** Surnames drawn from the long tail rather than the common ones. */
  readonly rareSurnames: number;
  readonly women: number;
}

/** Typical lists: the errors DOMAIN.md describes, at the rates seen in hand-made lists. */
export const TYPICAL_RATES: ListErrorRates = {
  overlap: 0.7,
  latin: 0.25,
  russianForms: 0.8,
  latinTypo: 0.12,
  cyrillicTypo: 0.04,
  mangledGiven: 0.03,
  missingBirthDate: 0.06,
  yearOnly: 0.05,
  swappedBirthDate: 0.03,
  wrongDigit: 0.03,
  missingPatronymic: 0.25,
  serviceNumber: 0.5,
  serviceNumberTypo: 0.05,
  namesakes: 0.06,
  brothers: 0.04,
  rareSurnames: 0.35,
  women: 0.04,
};

/** Hard lists: more Latin, more typos, more gaps, more namesakes and brothers. */
export const HARD_RATES: ListErrorRates = {
  overlap: 0.6,
  latin: 0.5,
  russianForms: 0.9,
  latinTypo: 0.25,
  cyrillicTypo: 0.08,
  mangledGiven: 0.06,
  missingBirthDate: 0.15,
  yearOnly: 0.08,
  swappedBirthDate: 0.05,
  wrongDigit: 0.05,
  missingPatronymic: 0.5,
  serviceNumber: 0.3,
  serviceNumberTypo: 0.1,
  namesakes: 0.12,
  brothers: 0.08,
  rareSurnames: 0.2,
  women: 0.08,
};

/** Rates each drawn between 0.5 and 1.5 times the given ones: lists never look alike. */
export function variedRates(base: ListErrorRates, seed: number): ListErrorRates {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const varied = Object.fromEntries(
    Object.entries(base).map(([name, rate]) => [
      name,
      Math.min(name === 'overlap' || name === 'russianForms' ? 0.95 : 0.9, rate * (0.5 + random())),
    ]),
  );
  return varied as unknown as ListErrorRates;
}

/** What to generate. */
export interface PersonListsOptions {
  readonly seed: number;
  readonly sought: number;
  readonly held: number;
  readonly rates?: ListErrorRates;
}

/** Two lists and the pairs of their lines that name the same person. */
export interface PersonLists {
  readonly sought: LinkRecord[];
  readonly held: LinkRecord[];
  /** (sought id, held id) of every true pair. */
  readonly truth: [string, string][];
}

interface Person {
  readonly surname: SurnamePair;
  readonly given: GivenNameEntry;
  readonly father: GivenNameEntry;
  readonly female: boolean;
  /** Birth date as YYYY-MM-DD. */
  readonly birth: string;
  readonly serviceNumber: string;
}

/** Generates the two lists; the same options always give the same lists. */
export function generatePersonLists(options: PersonListsOptions): PersonLists {
  const rates = options.rates ?? TYPICAL_RATES;
  const random = seededRandom(options.seed);
  const shared = Math.round(rates.overlap * Math.min(options.sought, options.held));
  const population = populationOf(random, options.sought + options.held - shared, rates);
  // Related persons stand next to each other in the population: shuffle before dealing.
  shuffle(random, population);
  const sought: LinkRecord[] = [];
  const held: LinkRecord[] = [];
  const truth: [string, string][] = [];
  population.forEach((person, i) => {
    const inSought = i < options.sought;
    const inHeld = i < shared || i >= options.sought;
    const soughtId = `S${String(i + 1).padStart(7, '0')}`;
    const heldId = `H${String(i + 1).padStart(7, '0')}`;
    if (inSought) sought.push(soughtLine(random, person, soughtId, rates));
    if (inHeld) held.push(heldLine(random, person, heldId, rates));
    if (inSought && inHeld) truth.push([soughtId, heldId]);
  });
  shuffle(random, sought);
  shuffle(random, held);
  return { sought, held, truth };
}

function populationOf(random: Random, size: number, rates: ListErrorRates): Person[] {
  const people: Person[] = [];
  while (people.length < size) {
    const person = newPerson(random, rates);
    people.push(person);
    if (people.length < size && chance(random, rates.namesakes)) {
      people.push({
        ...newPerson(random, rates),
        surname: person.surname,
        given: person.given,
        female: person.female,
      });
    }
    if (people.length < size && !person.female && chance(random, rates.brothers)) {
      const brother = newPerson(random, { ...rates, women: 0 });
      people.push({
        ...brother,
        surname: person.surname,
        father: person.father,
        birth: near(random, person.birth),
      });
    }
  }
  return people;
}

function newPerson(random: Random, rates: ListErrorRates): Person {
  const female = chance(random, rates.women);
  const surname = chance(random, rates.rareSurnames)
    ? rareSurname(Math.floor(random() * 5000))
    : COMMON_SURNAMES[powerLaw(random, COMMON_SURNAMES.length, 0.5)]!;
  const names = female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES;
  return {
    surname,
    given: names[zipf(random, Math.min(names.length, 120))]!,
    father: MALE_GIVEN_NAMES[zipf(random, 120)]!,
    female,
    birth: birthDate(random),
    serviceNumber: chance(random, 0.5)
      ? `${pick(random, ['АА', 'ВК', 'КМ', 'ОР', 'СТ'])}${String(Math.floor(random() * 1e6)).padStart(6, '0')}`
      : String(1_000_000 + Math.floor(random() * 9_000_000)),
  };
}

/**
 * A rank whose chance falls as (rank + 1)^−exponent: with 0.5 over the common surnames, the
 * first is about one person in forty, far more than Мельник's 0.3% in Ukraine, so that lists are
 * harder than real ones.
 */
function powerLaw(random: Random, n: number, exponent: number): number {
  // Inverse of the continuous law's distribution function, rounded down to a rank.
  const u = random();
  const top = (n + 1) ** (1 - exponent);
  return Math.min(n - 1, Math.floor((1 + u * (top - 1)) ** (1 / (1 - exponent)) - 1));
}

/** A rank from a Zipf-like law: the first names are far more common than the last. */
function zipf(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(n ** random() - 1));
}

function birthDate(random: Random): string {
  const year = 1965 + Math.floor(random() ** 0.7 * 42);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A brother's birth date: one to six years apart. */
function near(random: Random, birth: string): string {
  const year =
    Number(birth.slice(0, 4)) + (chance(random, 0.5) ? 1 : -1) * (1 + Math.floor(random() * 6));
  return `${Math.min(2006, year)}${birthDate(random).slice(4)}`;
}

function soughtLine(random: Random, person: Person, id: string, rates: ListErrorRates): LinkRecord {
  const surname = person.female ? feminineOf(person.surname.uk) : person.surname.uk;
  return {
    id,
    fields: {
      surname: chance(random, rates.cyrillicTypo / 3) ? typo(random, surname) : surname,
      given_name: person.given.uk,
      patronymic: chance(random, rates.missingPatronymic / 3)
        ? null
        : patronymicOf(person.father.uk, 'uk', person.female),
      date_of_birth: writtenBirthDate(random, person.birth, rates, 0.5),
      service_number: chance(random, rates.serviceNumber) ? person.serviceNumber : null,
      sex: person.female ? 'F' : 'M',
    },
  };
}

function heldLine(random: Random, person: Person, id: string, rates: ListErrorRates): LinkRecord {
  const language = chance(random, rates.russianForms) ? 'ru' : 'uk';
  const base = language === 'ru' ? person.surname.ru : person.surname.uk;
  const surname = person.female ? feminineOf(base) : base;
  const given = language === 'ru' ? person.given.ru : person.given.uk;
  const father = language === 'ru' ? person.father.ru : person.father.uk;
  const isLatin = chance(random, rates.latin);
  let surnameText = isLatin ? latinSpelling(random, surname, language) : surname;
  if (chance(random, isLatin ? rates.latinTypo : rates.cyrillicTypo))
    surnameText = typo(random, surnameText);
  let givenText = isLatin
    ? chance(random, 0.5)
      ? pick(random, person.given.latin.length > 0 ? person.given.latin : [given])
      : latinSpelling(random, given, language)
    : given;
  if (chance(random, rates.mangledGiven)) givenText = mangle(random, givenText);
  const patronymic = patronymicOf(father, language, person.female);
  return {
    id,
    fields: {
      surname: surnameText,
      given_name: givenText,
      patronymic: chance(random, rates.missingPatronymic)
        ? null
        : isLatin
          ? latinSpelling(random, patronymic, language)
          : patronymic,
      date_of_birth: writtenBirthDate(random, person.birth, rates, 1),
      service_number:
        person.serviceNumber !== '' && chance(random, rates.serviceNumber)
          ? chance(random, rates.serviceNumberTypo)
            ? wrongDigit(random, person.serviceNumber)
            : person.serviceNumber
          : null,
      sex: chance(random, 0.9) ? (person.female ? 'F' : 'M') : null,
    },
  };
}

/** The birth date as a list writes it; `share` scales the error rates (the sought side errs less). */
function writtenBirthDate(
  random: Random,
  birth: string,
  rates: ListErrorRates,
  share: number,
): string | null {
  const roll = random();
  let at = rates.missingBirthDate * share;
  if (roll < at) return null;
  if (roll < (at += rates.yearOnly * share)) return birth.slice(0, 4);
  if (roll < (at += rates.swappedBirthDate * share)) {
    const [year, month, day] = birth.split('-');
    return Number(day) <= 12 ? `${year}-${day}-${month}` : birth;
  }
  if (roll < at + rates.wrongDigit * share) return wrongDigit(random, birth);
  return birth;
}

/** The text with one digit changed (never the first, which is seldom wrong). */
function wrongDigit(random: Random, text: string): string {
  const digits = [...text].flatMap((ch, i) => (i > 0 && /\d/.test(ch) ? [i] : []));
  if (digits.length === 0) return text;
  const i = pick(random, digits);
  const next = (Number(text[i]) + 1 + Math.floor(random() * 8)) % 10;
  const changed = text.slice(0, i) + String(next) + text.slice(i + 1);
  // A changed month or day must still be a date that a list could hold.
  return /^\d{4}-(1[3-9]|[2-9]\d|00)/.test(changed) || /-(3[2-9]|[4-9]\d|00)$/.test(changed)
    ? text
    : changed;
}

function shuffle<T>(random: Random, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
