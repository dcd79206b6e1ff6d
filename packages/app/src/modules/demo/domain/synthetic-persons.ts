import { createRng } from './prng.ts';
import type { Rng } from './prng.ts';
import type { PeopleContext, Person } from './synthetic-people.ts';
import { brotherOf, createUnitPool, namesakeOf, randomPerson } from './synthetic-people.ts';
import type { ListRecord } from './synthetic-records.ts';
import { heldRecord, soughtRecord } from './synthetic-records.ts';

export type { ListRecord } from './synthetic-records.ts';
export { HELD_ERROR_RATES, SYNTHETIC_LIST_COLUMNS } from './synthetic-records.ts';

export interface SyntheticListsOptions {
  seed: number;
  /** Number of lines of the sought list; the held list has about as many. */
  size: number;
  /** Share of sought persons present in the held list, default 0.8. */
  overlap?: number;
}

export interface SyntheticLists {
  /** Ukraine's list of its own people it believes Russia holds, in Ukrainian forms. */
  sought: ListRecord[];
  /** Russia's list of the Ukrainians it holds, in Russian forms and with its errors. */
  held: ListRecord[];
  /** The lines that name the same person, in sought-list order. */
  truth: Array<{ soughtId: string; heldId: string }>;
}

// Hard cases for a matcher, as shares of the list size.
const SOUGHT_BROTHER_SHARE = 0.005;
const SOUGHT_NAMESAKE_SHARE = 0.003;
const HELD_NAMESAKE_SHARE = 0.01;
const HELD_BROTHER_SHARE = 0.005;

/** Generates a sought list, a held list and the true pairs between them, all from one seed. */
export function generateSyntheticLists(options: SyntheticListsOptions): SyntheticLists {
  const { seed, size, overlap = 0.8 } = options;
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`size must be a non-negative integer, got ${size}`);
  }
  if (!(overlap >= 0 && overlap <= 1)) {
    throw new RangeError(`overlap must be within [0, 1], got ${overlap}`);
  }
  const rng = createRng(seed);
  const ctx: PeopleContext = {
    rng,
    units: createUnitPool(rng, size),
    serviceNumbers: new Set(),
  };

  const persons = soughtPersons(ctx, size);
  const sought = persons.map((person, i) => soughtRecord(person, listId('UA-S', i), rng));

  const matchedCount = Math.round(size * overlap);
  const matched = shuffled(rng, range(size)).slice(0, matchedCount);
  const entries: Array<{ person: Person; soughtIndex: number }> = matched.map((i) => ({
    person: persons[i] as Person,
    soughtIndex: i,
  }));
  const heldOnly = heldOnlyPersons(ctx, persons, size - matchedCount);
  for (const person of heldOnly.persons) entries.push({ person, soughtIndex: -1 });
  // A family that knew only the name: the line cannot be told from the namesake Russia also
  // holds, so both pairs go to review. Written after the draws, so the lists are otherwise the same.
  persons.forEach((person, i) => {
    if (heldOnly.withNamesake.has(person)) sought[i] = namesOnly(sought[i]!);
  });

  // the held list's order and ids say nothing about the sought list
  const heldIdOfSought = new Array<string | undefined>(size);
  const held = shuffled(rng, entries).map(({ person, soughtIndex }, i) => {
    const id = listId('RU-H', i);
    if (soughtIndex >= 0) heldIdOfSought[soughtIndex] = id;
    return heldRecord(person, id, ctx);
  });

  const truth: SyntheticLists['truth'] = [];
  heldIdOfSought.forEach((heldId, i) => {
    if (heldId !== undefined) truth.push({ soughtId: listId('UA-S', i), heldId });
  });
  return { sought, held, truth };
}

function soughtPersons(ctx: PeopleContext, size: number): Person[] {
  const { rng } = ctx;
  const persons: Person[] = [];
  for (let i = 0; i < size; i++) {
    const previous = persons[i - 1];
    const roll = rng.next();
    if (previous?.sex === 'M' && roll < SOUGHT_BROTHER_SHARE) {
      persons.push(brotherOf(ctx, previous));
    } else if (previous && roll < SOUGHT_BROTHER_SHARE + SOUGHT_NAMESAKE_SHARE) {
      persons.push(namesakeOf(ctx, previous));
    } else {
      persons.push(randomPerson(ctx));
    }
  }
  return persons;
}

/** A sought line with the names only: patronymic, dates, places, numbers and unit left empty. */
function namesOnly(record: ListRecord): ListRecord {
  return {
    ...record,
    patronymic: '',
    date_of_birth: '',
    place_of_birth: '',
    service_number: '',
    unit: '',
  };
}

// Persons only Russia lists: mostly strangers, and some namesakes and brothers of sought persons.
function heldOnlyPersons(
  ctx: PeopleContext,
  sought: readonly Person[],
  free: number,
): { persons: Person[]; withNamesake: Set<Person> } {
  const { rng } = ctx;
  const size = sought.length;
  const namesakes = size === 0 ? 0 : Math.round(size * HELD_NAMESAKE_SHARE);
  const brothers = size === 0 ? 0 : Math.round(size * HELD_BROTHER_SHARE);
  const out: Person[] = [];
  const withNamesake = new Set<Person>();
  for (let i = 0; i < namesakes; i++) {
    const person = rng.pick(sought);
    withNamesake.add(person);
    out.push(namesakeOf(ctx, person));
  }
  for (let i = 0; i < brothers; i++) {
    const person = rng.pick(sought);
    out.push(person.sex === 'M' ? brotherOf(ctx, person) : namesakeOf(ctx, person));
  }
  while (out.length < free) out.push(randomPerson(ctx));
  return { persons: out, withNamesake };
}

function listId(prefix: string, index: number): string {
  return `${prefix}-${String(index + 1).padStart(6, '0')}`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}
