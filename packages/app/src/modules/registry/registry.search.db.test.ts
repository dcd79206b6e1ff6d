import { beforeAll, expect, it } from 'vitest';
import type { Services } from '../../services.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { SYSTEM_ACTOR } from '../access/index.ts';

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
    // A name written in Latin in a Cyrillic column is found from Cyrillic too.
    ['Олександр', ['S-1', 'S-5']],
  ])('"%s" finds %j', async (search, expected) => {
    expect(await found(search)).toEqual(expected);
  });

  it('does not widen a search of one letter to every line', async () => {
    expect(await found('Ш')).toEqual(['S-1']);
  });
});
