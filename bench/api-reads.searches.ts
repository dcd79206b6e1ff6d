/**
 * The searches of the API reads benchmark's `search` cases: names as officers type them, taken
 * from the list's own lines, each search a different one. A surname in Cyrillic or in Latin, in
 * capitals or in lower case; the first letters of a surname in either script; a surname with a
 * given name in the same script or across scripts, in either order. A search sent again would be
 * answered from the server's page cache, so the list is long enough that a run sends none twice.
 */
import { seededRandom } from '../packages/engine/src/index.ts';
import type { ListRecord } from '../packages/app/src/modules/demo/index.ts';

type Make = (line: Names, cut: number) => string | null | undefined;

type Names = Record<'surname' | 'given_name' | 'surname_latin' | 'given_name_latin', string>;

/** The first `cut` letters of a name (Cyrillic letters are one character each). */
const start = (name: string, cut: number) => [...name].slice(0, cut).join('');

// Each line gives one search, made by the next of these in turn (a maker that has nothing to make
// of the line gives way to the following one).
const MAKERS: readonly Make[] = [
  (line) => line.surname,
  (line) => line.surname_latin || null,
  (line, cut) => start(line.surname, cut),
  (line, cut) => (line.surname_latin ? line.surname_latin.slice(0, cut + 1) : null),
  (line) =>
    line.surname_latin && line.given_name_latin
      ? `${line.surname_latin} ${line.given_name_latin}`
      : null,
  (line) => `${line.given_name} ${line.surname}`,
  (line) => (line.given_name_latin ? `${line.given_name_latin} ${line.surname}` : null),
  (line) => line.surname.toLowerCase(),
  (line, cut) => `${line.surname} ${start(line.given_name, cut)}`,
  (line) => (line.surname_latin ? line.surname_latin.toUpperCase() : null),
];

/** Up to `most` different searches made from the lines, in a seeded random order. */
export function searchesOf(lines: readonly ListRecord[], most: number, seed: number): string[] {
  const random = seededRandom(seed);
  const searches = new Set<string>();
  const order = shuffled(
    lines.map((_, i) => i),
    random,
  );
  for (let n = 0; n < order.length && searches.size < most; n++) {
    const record = lines[order[n]!]!;
    const line: Names = {
      surname: record.surname ?? '',
      given_name: record.given_name ?? '',
      surname_latin: record.surname_latin ?? '',
      given_name_latin: record.given_name_latin ?? '',
    };
    const cut = 4 + Math.floor(random() * 3);
    for (let k = 0; k < MAKERS.length; k++) {
      const search = MAKERS[(n + k) % MAKERS.length]!(line, cut)?.trim();
      if (search && !searches.has(search)) {
        searches.add(search);
        break;
      }
    }
  }
  return [...searches];
}

function shuffled<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
