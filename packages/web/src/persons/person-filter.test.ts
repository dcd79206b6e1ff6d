import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterPersons, NO_QUERY, type Listed } from './person-filter.ts';

const persons: Listed[] = [
  { recordId: 'UA-H-0003', name: 'Шевчук Олег', party: 'UA', category: 'b', state: 'assigned' },
  {
    recordId: 'RU-H-0001',
    name: 'Ёлкин Пётр',
    nameLatin: 'Yolkin Petr',
    party: 'RU',
    category: 'a',
    state: 'approved',
  },
  { recordId: 'UA-H-0001', name: null, party: 'UA', category: 'a', state: 'approved' },
  { recordId: 'UA-H-0002', name: 'Бондар Іван', party: 'UA', category: 'b', state: 'approved' },
];
const ids = (list: Listed[]) => list.map((p) => p.recordId);

describe('filterPersons', () => {
  it('orders by name, a person without a readable name by record id', () => {
    // Бондар, Ёлкин (read as Елкин), Шевчук; the record id, in Latin letters, sorts first.
    expect(ids(filterPersons(persons, NO_QUERY))).toEqual([
      'UA-H-0001',
      'UA-H-0002',
      'RU-H-0001',
      'UA-H-0003',
    ]);
  });

  it('finds a name in either script, without its letter forms, and a record id', () => {
    expect(ids(filterPersons(persons, { ...NO_QUERY, text: 'елкин' }))).toEqual(['RU-H-0001']);
    expect(ids(filterPersons(persons, { ...NO_QUERY, text: 'yolk' }))).toEqual(['RU-H-0001']);
    expect(ids(filterPersons(persons, { ...NO_QUERY, text: 'h-0002' }))).toEqual(['UA-H-0002']);
  });

  it('keeps one side, and orders by category label, then by name', () => {
    const shown = filterPersons(
      persons,
      { text: '', side: 'UA', sort: 'category' },
      { category: (id) => (id === 'a' ? 'Z last' : 'A first') },
    );
    expect(ids(shown)).toEqual(['UA-H-0002', 'UA-H-0003', 'UA-H-0001']);
  });

  it('never adds or loses a person that matches, whatever the order', () => {
    fc.assert(
      fc.property(fc.constantFrom('name', 'category', 'state', 'side' as const), (sort) => {
        const shown = filterPersons(persons, { ...NO_QUERY, sort });
        expect([...ids(shown)].sort()).toEqual([...ids(persons)].sort());
      }),
    );
  });
});
