import type { Rng } from './prng.ts';
import type { LangPair } from './names.data.ts';
import {
  FEMALE_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  RUSSIAN_SURNAMES,
  UKRAINIAN_SURNAMES,
} from './names.data.ts';
import type { Sex } from './names.forms.ts';
import type { CapturePlace, Rank } from './places.data.ts';
import { BRIGADES, CAPTURE_PLACES, PLACES_OF_BIRTH, RANKS } from './places.data.ts';
import { anniversary, dayFromCivil, dayFromIso } from './synthetic-calendar.ts';

/** The health scale of the capture card. */
export type HealthStatus =
  | 'good'
  | 'not_wounded'
  | 'recovered'
  | 'convalescent'
  | 'sick'
  | 'slightly_wounded'
  | 'seriously_wounded'
  | 'seriously_sick';

/** One synthetic person as the facts are, before either side writes them down. */
export interface Person {
  sex: Sex;
  /** Masculine form; the feminine one is derived when written. */
  surname: LangPair;
  given: LangPair;
  father: LangPair;
  /** Days since 1970-01-01. */
  birthDay: number;
  birthPlace: LangPair;
  legalStatus: 'pow' | 'civilian_detainee';
  rank: Rank | undefined;
  serviceNumber: string;
  unit: string;
  captureDay: number;
  capturePlace: LangPair;
  health: HealthStatus;
}

/** Shared state of one generation run. */
export interface PeopleContext {
  rng: Rng;
  units: readonly string[];
  /** Service numbers handed out so far; a number identifies one person only. */
  serviceNumbers: Set<string>;
}

/** The day the ages are counted at: the Istanbul talks of 2 June 2025. */
export const REFERENCE_DAY = dayFromCivil(2025, 6, 2);
// born on or before this day, a person turned 18 at least a month before the last capture
// window closes (2025-05-31)
const LATEST_BIRTH_DAY = dayFromCivil(2007, 5, 1);
const EARLIEST_BIRTH_DAY = anniversary(REFERENCE_DAY, -61) + 1;

const AGE_BANDS: readonly Weighted<readonly [number, number]>[] = [
  { value: [18, 25], weight: 16 },
  { value: [26, 35], weight: 30 },
  { value: [36, 45], weight: 32 },
  { value: [46, 60], weight: 22 },
];

const HEALTH: readonly Weighted<HealthStatus>[] = [
  { value: 'good', weight: 45 },
  { value: 'not_wounded', weight: 25 },
  { value: 'slightly_wounded', weight: 10 },
  { value: 'sick', weight: 8 },
  { value: 'seriously_wounded', weight: 5 },
  { value: 'seriously_sick', weight: 3 },
  { value: 'recovered', weight: 2 },
  { value: 'convalescent', weight: 2 },
];

// Cyrillic letters that also occur in document series
const SERIES_LETTERS = Array.from('АВЕКМНОРСТХ');

const CAPTURE_WINDOWS = CAPTURE_PLACES.map((place: CapturePlace) => ({
  place: { uk: place.uk, ru: place.ru },
  from: dayFromIso(place.from),
  to: dayFromIso(place.to),
  weight: place.weight,
}));

const WEIGHTED_RANKS = RANKS.map((rank) => ({ value: rank, weight: rank.weight }));

/** A value with its relative weight for pickWeighted. */
export interface Weighted<T> {
  value: T;
  weight: number;
}

/** Picks a value with probability proportional to its weight. */
export function pickWeighted<T>(rng: Rng, items: readonly Weighted<T>[]): T {
  let total = 0;
  for (const item of items) total += item.weight;
  let target = rng.next() * total;
  for (const item of items) {
    target -= item.weight;
    if (target < 0) return item.value;
  }
  const last = items[items.length - 1];
  if (last === undefined) throw new RangeError('pickWeighted() needs a non-empty array');
  return last.value;
}

/** Makes the pool of units a run draws from, so that several prisoners share a unit. */
export function createUnitPool(rng: Rng, size: number): string[] {
  const count = Math.min(3000, Math.max(20, Math.round(size / 40)));
  const units = [...BRIGADES];
  while (units.length < count) {
    // А-numbers are the Armed Forces' open unit codes; four bare digits are National Guard ones
    units.push(
      rng.chance(0.8)
        ? `в/ч А${String(rng.int(0, 7999)).padStart(4, '0')}`
        : `в/ч ${rng.int(3001, 3099)}`,
    );
  }
  return units;
}

/** Which parts of a person a related person shares. */
export type PersonSeed = Partial<Pick<Person, 'sex' | 'surname' | 'given' | 'father' | 'birthDay'>>;

/** Draws a new person; fields given in `seed` are kept as they are. */
export function randomPerson(ctx: PeopleContext, seed: PersonSeed = {}): Person {
  const { rng } = ctx;
  const legalStatus = rng.chance(0.04) ? 'civilian_detainee' : 'pow';
  const sex = seed.sex ?? (rng.chance(legalStatus === 'pow' ? 0.03 : 0.3) ? 'F' : 'M');
  const birthDay = seed.birthDay ?? randomBirthDay(rng);
  const isPow = legalStatus === 'pow';
  const capture = randomCapture(rng, birthDay);
  return {
    sex,
    surname: seed.surname ?? rng.pick(rng.chance(0.72) ? UKRAINIAN_SURNAMES : RUSSIAN_SURNAMES),
    given: seed.given ?? rng.pick(sex === 'M' ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES),
    father: seed.father ?? rng.pick(MALE_GIVEN_NAMES),
    birthDay,
    birthPlace: rng.pick(PLACES_OF_BIRTH),
    legalStatus,
    rank: isPow ? randomRank(rng, ageAt(birthDay, capture.day)) : undefined,
    serviceNumber: isPow ? newServiceNumber(ctx) : '',
    unit: isPow ? rng.pick(ctx.units) : '',
    captureDay: capture.day,
    capturePlace: capture.place,
    health: pickWeighted(rng, HEALTH),
  };
}

/** A different person with the same surname and given name, born on another day. */
export function namesakeOf(ctx: PeopleContext, person: Person): Person {
  let birthDay = randomBirthDay(ctx.rng);
  while (birthDay === person.birthDay) birthDay = randomBirthDay(ctx.rng);
  return randomPerson(ctx, {
    sex: person.sex,
    surname: person.surname,
    given: person.given,
    birthDay,
  });
}

/** A brother: same surname and father, another given name, born one to six years apart. */
export function brotherOf(ctx: PeopleContext, person: Person): Person {
  const { rng } = ctx;
  let given = rng.pick(MALE_GIVEN_NAMES);
  while (given.uk === person.given.uk) given = rng.pick(MALE_GIVEN_NAMES);
  const gap = rng.int(1, 6) * 365 + rng.int(-150, 150);
  const younger = person.birthDay + gap;
  const older = person.birthDay - gap;
  const canBeYounger = younger <= LATEST_BIRTH_DAY;
  const birthDay =
    canBeYounger && (older < EARLIEST_BIRTH_DAY || rng.chance(0.5)) ? younger : older;
  const brother = randomPerson(ctx, {
    sex: 'M',
    surname: person.surname,
    father: person.father,
    given,
    birthDay,
  });
  // brothers often serve together and are taken together
  if (person.unit !== '' && brother.unit !== '' && rng.chance(0.4)) brother.unit = person.unit;
  if (rng.chance(0.3) && person.captureDay >= anniversary(birthDay, 18)) {
    brother.captureDay = person.captureDay;
    brother.capturePlace = person.capturePlace;
  }
  return brother;
}

function randomBirthDay(rng: Rng): number {
  const [minAge, maxAge] = pickWeighted(rng, AGE_BANDS);
  const age = rng.int(minAge, maxAge);
  // aged `age` on the reference day: born after the (age+1)th and on or before the age-th year back
  const earliest = Math.max(anniversary(REFERENCE_DAY, -(age + 1)) + 1, EARLIEST_BIRTH_DAY);
  const latest = Math.min(anniversary(REFERENCE_DAY, -age), LATEST_BIRTH_DAY);
  return rng.int(earliest, latest);
}

function randomCapture(rng: Rng, birthDay: number): { day: number; place: LangPair } {
  const adult = anniversary(birthDay, 18);
  // windows that closed before the 18th birthday drop out; no list is built per person
  let total = 0;
  for (const w of CAPTURE_WINDOWS) if (w.to >= adult) total += w.weight;
  let target = rng.next() * total;
  let chosen = CAPTURE_WINDOWS[CAPTURE_WINDOWS.length - 1];
  for (const w of CAPTURE_WINDOWS) {
    if (w.to < adult) continue;
    target -= w.weight;
    if (target < 0) {
      chosen = w;
      break;
    }
  }
  if (chosen === undefined) throw new RangeError('CAPTURE_PLACES is empty');
  return { day: rng.int(Math.max(chosen.from, adult), chosen.to), place: chosen.place };
}

function ageAt(birthDay: number, day: number): number {
  let age = Math.floor((day - birthDay) / 365.2425);
  if (anniversary(birthDay, age) > day) age -= 1;
  else if (anniversary(birthDay, age + 1) <= day) age += 1;
  return age;
}

function randomRank(rng: Rng, age: number): Rank {
  const rank = pickWeighted(rng, WEIGHTED_RANKS);
  if (rank.minAge <= age) return rank;
  const private_ = RANKS[0];
  if (private_ === undefined) throw new RangeError('RANKS is empty');
  return private_;
}

function newServiceNumber(ctx: PeopleContext): string {
  const { rng } = ctx;
  for (;;) {
    const number = rng.chance(0.6)
      ? `${rng.pick(SERIES_LETTERS)}${rng.pick(SERIES_LETTERS)}${rng.int(0, 999999).toString().padStart(6, '0')}`
      : String(rng.int(1000000, 9999999));
    if (!ctx.serviceNumbers.has(number)) {
      ctx.serviceNumbers.add(number);
      return number;
    }
  }
}
