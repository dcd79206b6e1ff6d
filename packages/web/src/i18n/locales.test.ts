import { describe, expect, it } from 'vitest';
import { resources } from './resources.ts';

const { en, uk, ru } = resources;

type Tree = { [key: string]: string | Tree };

/** Every key of a resource, with plural suffixes folded into the base key. */
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`]
      : keysOf(value, `${prefix}${key}.`),
  );
}

const unique = (tree: Tree) => [...new Set(keysOf(tree))].sort();

describe('the translations', () => {
  it.each([
    ['uk', uk],
    ['ru', ru],
  ])('%s has every English key, and no other', (_language, resource) => {
    expect(unique(resource)).toEqual(unique(en));
  });

  it('gives Ukrainian and Russian counts every plural form their languages use', () => {
    for (const resource of [uk, ru] as Tree[]) {
      const plurals = keysOf(resource).length - unique(resource).length;
      expect(plurals).toBeGreaterThan(0);
      const text = JSON.stringify(resource);
      for (const key of ['linesFound', 'errors', 'openQueue'])
        for (const form of ['one', 'few', 'many', 'other'])
          expect(text).toContain(`"${key}_${form}"`);
    }
  });
});

describe('the words of each language', () => {
  it.each([
    ['uk', uk],
    ['ru', ru],
  ])(
    '%s says every English text in its own words, but placeholders and signs',
    (_language, resource) => {
      const textsOf = (tree: Tree, prefix = ''): Array<[string, string]> =>
        Object.entries(tree).flatMap(([key, value]) =>
          typeof value === 'string'
            ? [[`${prefix}${key}`, value] as [string, string]]
            : textsOf(value, `${prefix}${key}.`),
        );
      const english = new Map(textsOf(en));
      const words = (text: string) => text.replace(/\{\{[^}]*\}\}/g, '');
      const untranslated = textsOf(resource as Tree)
        .filter(([key, text]) => english.get(key) === text && /[A-Za-z]{2}/.test(words(text)))
        .map(([key]) => key);
      expect(untranslated).toEqual([]);
    },
  );
});
