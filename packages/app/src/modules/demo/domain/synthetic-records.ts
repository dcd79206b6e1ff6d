import { transliterate } from '@parley/engine';
import { LIST_COLUMNS } from '@parley/kernel/person-record';
import type { Rng } from './prng.ts';
import { patronymic, surnameForSex } from './names.forms.ts';
import { DETENTION_PLACES, HELD_NOTES, SOUGHT_NOTES } from './places.data.ts';
import { civilFromDay, formatDotted, formatIso } from './synthetic-calendar.ts';
import type { PeopleContext, Person } from './synthetic-people.ts';
import { latinVariant, surnameTypo } from './synthetic-typos.ts';

/** The columns of the list format, in the order they are written: the registry's own list. */
export const SYNTHETIC_LIST_COLUMNS = LIST_COLUMNS;

/** One line of a list: column name → raw cell text, '' for an empty cell. */
export type ListRecord = Record<string, string>;

/** How often the Russian side's list carries each kind of error, per line. */
export const HELD_ERROR_RATES = {
  missingPatronymic: 0.04,
  // applied only where the swap still gives a real date, i.e. day <= 12
  dayMonthSwap: 0.08,
  yearOnly: 0.02,
  surnameTypo: 0.03,
  latinVariant: 0.08,
  dottedDates: 0.1,
  missingServiceNumber: 0.05,
  serviceNumberDigit: 0.03,
} as const;

/** Writes a person as Ukraine's list of sought persons has them: Ukrainian forms, KMU Latin. */
export function soughtRecord(person: Person, recordId: string, rng: Rng): ListRecord {
  const surname = surnameForSex(person.surname.uk, 'uk', person.sex);
  const hasLatin = rng.chance(0.85);
  const rank = person.rank?.uk ?? '';
  return {
    record_id: recordId,
    surname,
    given_name: person.given.uk,
    patronymic: patronymic(person.father.uk, 'uk', person.sex),
    surname_latin: hasLatin ? latin(surname, 'uk') : '',
    given_name_latin: hasLatin ? latin(person.given.uk, 'uk') : '',
    sex: person.sex,
    date_of_birth: formatIso(civilFromDay(person.birthDay)),
    place_of_birth: person.birthPlace.uk,
    nationality: 'UA',
    legal_status: person.legalStatus,
    // older registers still say рядовий for the rank renamed солдат in 2020
    rank: rank === 'солдат' && rng.chance(0.2) ? 'рядовий' : rank,
    service_number: person.serviceNumber,
    unit: person.unit,
    capture_date: formatIso(civilFromDay(person.captureDay)),
    capture_place: person.capturePlace.uk,
    detention_place: '',
    health_status: person.health,
    notes: rng.chance(0.03) ? rng.pick(SOUGHT_NOTES) : '',
  };
}

/** Writes a person as Russia's list of held persons has them: Russian forms, with its errors. */
export function heldRecord(person: Person, recordId: string, ctx: PeopleContext): ListRecord {
  const { rng } = ctx;
  const rates = HELD_ERROR_RATES;
  const surnameUk = surnameForSex(person.surname.uk, 'uk', person.sex);
  const surnameRu = surnameForSex(person.surname.ru, 'ru', person.sex);
  const dotted = rng.chance(rates.dottedDates);
  const format = dotted ? formatDotted : formatIso;
  const latin = heldLatin(person, surnameUk, surnameRu, rng);
  return {
    record_id: recordId,
    surname: rng.chance(rates.surnameTypo) ? surnameTypo(rng, surnameRu) : surnameRu,
    given_name: person.given.ru,
    patronymic: rng.chance(rates.missingPatronymic)
      ? ''
      : patronymic(person.father.ru, 'ru', person.sex),
    surname_latin: latin.surname,
    given_name_latin: latin.given,
    sex: person.sex,
    date_of_birth: heldBirthDate(person, rng, format),
    place_of_birth: person.birthPlace.ru,
    nationality: 'UA',
    // civilians offered as prisoners of war are one of the recurring disputes
    legal_status:
      person.legalStatus === 'civilian_detainee' && rng.chance(0.15) ? 'pow' : person.legalStatus,
    rank: person.rank?.ru ?? '',
    service_number: heldServiceNumber(person.serviceNumber, ctx),
    unit:
      person.unit !== '' && !person.unit.startsWith('в/ч') && rng.chance(0.5)
        ? `${person.unit} ВСУ`
        : person.unit,
    capture_date: format(civilFromDay(person.captureDay)),
    capture_place: person.capturePlace.ru,
    detention_place: rng.pick(DETENTION_PLACES),
    health_status: person.health,
    notes: rng.chance(0.02) ? rng.pick(HELD_NOTES) : '',
  };
}

function heldLatin(
  person: Person,
  surnameUk: string,
  surnameRu: string,
  rng: Rng,
): { surname: string; given: string } {
  // the Latin, where given, is copied from the captured passport
  if (!rng.chance(0.6)) return { surname: '', given: '' };
  let surname = latin(surnameUk, 'uk');
  let given = latin(person.given.uk, 'uk');
  if (rng.chance(HELD_ERROR_RATES.latinVariant)) {
    given = latinVariant(rng, given, person.given.ru) ?? given;
    if (rng.chance(0.3)) surname = latin(surnameRu, 'ru');
  }
  // passports print Latin in capitals, and some clerks copy it so
  return rng.chance(0.25)
    ? { surname: surname.toUpperCase(), given: given.toUpperCase() }
    : { surname, given };
}

function heldBirthDate(person: Person, rng: Rng, format: typeof formatIso): string {
  const date = civilFromDay(person.birthDay);
  if (rng.chance(HELD_ERROR_RATES.yearOnly)) return String(date.year);
  if (date.day <= 12 && date.day !== date.month && rng.chance(HELD_ERROR_RATES.dayMonthSwap)) {
    const swapped = { year: date.year, month: date.day, day: date.month };
    // a swap must not make the person younger than 18 at capture
    const capture = civilFromDay(person.captureDay);
    const adultAtCapture = formatIso({ ...swapped, year: swapped.year + 18 }) <= formatIso(capture);
    if (adultAtCapture) return format(swapped);
  }
  return format(date);
}

function heldServiceNumber(serviceNumber: string, ctx: PeopleContext): string {
  const { rng } = ctx;
  if (serviceNumber === '' || rng.chance(HELD_ERROR_RATES.missingServiceNumber)) return '';
  if (!rng.chance(HELD_ERROR_RATES.serviceNumberDigit)) return serviceNumber;
  for (let attempt = 0; attempt < 10; attempt++) {
    const chars = Array.from(serviceNumber);
    const digitAt = chars.flatMap((ch, i) => (ch >= '0' && ch <= '9' ? [i] : []));
    const i = rng.pick(digitAt);
    const old = chars[i] ?? '0';
    chars[i] = String((Number(old) + rng.int(1, 9)) % 10);
    const changed = chars.join('');
    // a changed number must not become another person's real one
    if (!ctx.serviceNumbers.has(changed)) return changed;
  }
  return serviceNumber;
}

// names repeat a lot, and romanising each of 200,000 lines afresh costs most of the run
const latinCache = new Map<string, string>();

/** Romanises a name as the party's passports do: Ukraine's KMU 2010, Russia's ICAO 9303. */
function latin(text: string, language: 'uk' | 'ru'): string {
  const key = `${language}:${text}`;
  let value = latinCache.get(key);
  if (value === undefined) {
    value = transliterate(text, language === 'uk' ? 'uk-kmu-2010' : 'ru-icao-9303');
    latinCache.set(key, value);
  }
  return value;
}
