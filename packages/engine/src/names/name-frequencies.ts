// Prior frequencies of names, by the keys the comparisons use: how likely two different persons
// are to share a name before any list is seen. A list of six lines cannot tell that Олександр is
// common and Веніамін rare; these priors can, and the lists' own counts outweigh them as lists
// grow (train/term-frequency.ts).
import { canonicalKeyOf } from './given-name-index.ts';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from './given-names.data.ts';
import type { GivenNameEntry } from './given-names.data.ts';
import { givenNameKey, surnameKey } from './name-key.ts';
import { RUSSIAN_SURNAMES, UKRAINIAN_SURNAMES } from './surnames.data.ts';

/** The prior frequency of a name's key among persons, and the frequency of a name not listed. */
export interface NamePrior {
  frequency(key: string): number;
  /** The frequency of any one name the table does not list. */
  readonly unlisted: number;
  /** How many records of a list the prior is worth against the list's own counts. */
  readonly strength: number;
}

/**
 * Shares that fall with rank like observed name frequencies (a power law): `head` for the first
 * name, `head × (rank + 1)^−exponent` for the others.
 */
function byRank(count: number, head: number, exponent: number): number[] {
  return Array.from({ length: count }, (_, rank) => head * (rank + 1) ** -exponent);
}

function priorOf(
  entries: Iterable<readonly [string, number]>,
  unlisted: number,
  strength: number,
): NamePrior {
  const shares = new Map<string, number>();
  for (const [key, share] of entries) shares.set(key, (shares.get(key) ?? 0) + share);
  return {
    frequency: (key) => Math.max(unlisted, shares.get(key) ?? unlisted),
    unlisted,
    strength,
  };
}

// About a tenth of Ukrainians bear one of the 250 commonest surnames, the first (Мельник) about
// 0.3%; Russian surnames are more concentrated (Смирнов, Иванов about 1%). The persons on the
// lists come from both countries, so each table counts for half.
function surnamePrior(): NamePrior {
  const ukrainian = byRank(UKRAINIAN_SURNAMES.length, 0.0028, 0.45);
  const russian = byRank(RUSSIAN_SURNAMES.length, 0.012, 0.6);
  return priorOf(
    [
      ...UKRAINIAN_SURNAMES.map((name, i) => [surnameKey(name), ukrainian[i]! / 2] as const),
      ...RUSSIAN_SURNAMES.map((name, i) => [surnameKey(name), russian[i]! / 2] as const),
    ],
    1e-5,
    2000,
  );
}

// Given names are concentrated: the first (Олександр) is about one man in ten, the first ten
// about a third. Women are few on these lists, and their names correspondingly rare.
function givenNameShares(entries: readonly GivenNameEntry[], share: number): [string, number][] {
  const shares = byRank(entries.length, 0.094, 0.7);
  const total = shares.reduce((sum, value) => sum + value, 0);
  return entries.map((entry, i) => [canonicalKeyOf(entry), (share * shares[i]!) / total]);
}

function givenNamePrior(): NamePrior {
  return priorOf(
    [...givenNameShares(MALE_GIVEN_NAMES, 0.92), ...givenNameShares(FEMALE_GIVEN_NAMES, 0.05)],
    2e-4,
    300,
  );
}

// A patronymic's key is its father's given-name key; fathers' names follow the men's names.
function patronymicPrior(): NamePrior {
  return priorOf(givenNameShares(MALE_GIVEN_NAMES, 0.97), 2e-4, 300);
}

const cache: { surname?: NamePrior; givenName?: NamePrior; patronymic?: NamePrior } = {};

/** The prior of surname keys (`surnameKey`). */
export const surnameFrequencies = (): NamePrior => (cache.surname ??= surnamePrior());

/** The prior of given-name keys (`givenNameKey`). */
export const givenNameFrequencies = (): NamePrior => (cache.givenName ??= givenNamePrior());

/** The prior of patronymic keys (`patronymicKey`). */
export const patronymicFrequencies = (): NamePrior => (cache.patronymic ??= patronymicPrior());

/** The key's prior frequency under `givenNameKey`, for a name in any script (for tests). */
export function givenNameFrequency(name: string): number {
  return givenNameFrequencies().frequency(givenNameKey(name));
}
