import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { withScope } from '../../platform/db/scope.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { nameKey } from './domain/name-key.ts';

const LIST = csvOf([
  ['record_id', 'surname', 'given_name', 'patronymic', 'service_number'],
  ['S-1', 'Шевченко', 'Олександр', 'Петрович', ''],
  ['S-2', 'Коваленко', 'Юлія', 'Андріївна', ''],
  ['S-3', 'Ткаченко', 'Олексій', 'Іванович', '4123456'],
  ['S-4', 'Бондар', 'Вениамин', '', ''],
  ['S-5', 'Oleksandrenko', 'Ivan', '', ''],
  ['S-6', 'Новиков', 'Єгор', 'Ігорович', 'АБ-123456'],
]);

describeEachDatabase('searching a list across scripts', (db) => {
  let services: Services;
  let mechanism: string;

  beforeAll(async () => {
    services = buildTestServices(db());
    mechanism = (await buildMechanism(db())).id;
    await services.registry.importList(SYSTEM_ACTOR, {
      mechanism,
      party: 'UA',
      kind: 'sought',
      acceptInvalid: false,
      file: buildFile('ua.csv', LIST),
    });
  });

  const found = async (search: string) =>
    (
      await services.registry.lines(
        SYSTEM_ACTOR,
        { mechanism, party: 'UA', kind: 'sought' },
        { search, offset: 0, limit: 100 },
      )
    ).lines.map((l) => l.recordId);

  it.each([
    ['Oleksandr', ['S-1', 'S-5']],
    // Every word must be found, in any order: given name first, surname first.
    ['oleksandr shevch', ['S-1']],
    ['Shevchenko Oleksandr', ['S-1']],
    ['Егор Новиков', ['S-6']],
    ['Новиков Yehor', ['S-6']],
    ['Oleksandr Kovalenko', []],
    // A given name in its Russian form or spelling finds the Ukrainian one.
    ['Aleksandr', ['S-1', 'S-5']],
    ['Alexey', ['S-3']],
    ['Георгий', []],
    // A service number with or without its separators, its letters in either script.
    ['АБ-123456', ['S-6']],
    ['АБ123456', ['S-6']],
    ['AB 123456', ['S-6']],
    ['ab-123456', ['S-6']],
    ['123456', ['S-3', 'S-6']],
    ['Shevchenko', ['S-1']],
    ['Yuliia', ['S-2']],
    ['Oleksii', ['S-3']],
    ['Олексий', ['S-3']],
    ['Veniamin', ['S-4']],
    ['Andriivna', ['S-2']],
    ['Petro', ['S-1']],
    // Parts of names, in the other script: found through the names' key, then their spellings.
    ['chenko', ['S-1', 'S-3']],
    ['Kovalen', ['S-2']],
    ['Tkach Oleks', ['S-3']],
    ['Шевч', ['S-1']],
    // A name written in Latin in a Cyrillic column is found from Cyrillic too.
    ['Олександр', ['S-1', 'S-5']],
  ])('"%s" finds %j', async (search, expected) => {
    expect(await found(search)).toEqual(expected);
  });

  it('keeps for each line the key of its names that name-key.ts makes', async () => {
    const rows = await withScope(db(), { system: 'on' }, (system) =>
      system
        .selectFrom('list_line')
        .select(['surname', 'given_name', 'patronymic', 'name_key'])
        .where('mechanism_id', '=', mechanism)
        .execute(),
    );
    expect(rows).toHaveLength(6);
    for (const row of rows)
      expect(row.name_key).toBe(
        nameKey([row.surname, row.given_name, row.patronymic].map((n) => n ?? '').join(' ')),
      );
  });

  // Under row-level security only LEAKPROOF conditions reach an index: without these, every
  // search reads the whole version (migration 0029). The tests migrate as a superuser.
  it('lets the trigram indexes serve LIKE and the regular expressions under the row policies', async () => {
    const { rows } = await sql<{ proname: string; proleakproof: boolean }>`
      select proname, proleakproof from pg_proc
      where proname in ('textlike', 'textregexeq', 'texticregexeq') order by proname`.execute(db());
    expect(rows).toEqual([
      { proname: 'texticregexeq', proleakproof: true },
      { proname: 'textlike', proleakproof: true },
      { proname: 'textregexeq', proleakproof: true },
    ]);
  });

  it('says how many lines a search found, on its first page and past its last', async () => {
    const page = (offset: number, limit: number) =>
      services.registry.lines(
        SYSTEM_ACTOR,
        { mechanism, party: 'UA', kind: 'sought' },
        { search: 'Oleksandr', offset, limit },
      );
    const first = await page(0, 1);
    expect([first.total, first.lines.map((l) => l.recordId)]).toEqual([2, ['S-1']]);
    const past = await page(10, 1);
    expect([past.total, past.lines]).toEqual([2, []]);
  });

  it('sorts the lines a search found before it pages them', async () => {
    const { lines } = await services.registry.lines(
      SYSTEM_ACTOR,
      { mechanism, party: 'UA', kind: 'sought' },
      {
        search: 'Oleksandr',
        sort: { column: 'record_id', direction: 'desc' },
        offset: 1,
        limit: 1,
      },
    );
    expect(lines.map((l) => l.recordId)).toEqual(['S-1']);
  });

  it('does not widen a search of one letter to every line', async () => {
    expect(await found('Ш')).toEqual(['S-1']);
  });
});
