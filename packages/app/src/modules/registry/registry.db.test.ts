import { PassThrough } from 'node:stream';
import iconv from 'iconv-lite';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/index.ts';
import { AppError } from '../../platform/errors.ts';
import { buildFile, buildMechanism, buildTestServices, csvOf } from '../../testing/factories.ts';
import { describeEachDatabase } from '../../testing/test-database.ts';
import { formatProblem, type LineProblem } from './index.ts';

const HEADER = [
  'record_id',
  'surname',
  'given_name',
  'patronymic',
  'date_of_birth',
  'health_status',
];
const actor = SYSTEM_ACTOR;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

function errorLines(error: AppError): string[] {
  return (error.details as { errors: LineProblem[] }).errors.map(formatProblem);
}

async function collect(stream: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describeEachDatabase('list import', (db) => {
  it('imports a valid file as version 1 and shows its lines with partial dates kept partial', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const file = csvOf([
      HEADER,
      ['S-1', 'Шевченко', 'Олександр', 'Петрович', '1999-03', 'seriously_wounded'],
      ['S-2', 'Коваленко', 'Сергій', '', '14.02.2001', ''],
    ]);
    const result = await registry.importList(actor, {
      mechanism: mechanism.name,
      party: 'UA',
      kind: 'sought',
      acceptInvalid: false,
      file: buildFile('ua-sought.csv', `\ufeff${file}`),
    });
    expect(result.version).toMatchObject({
      number: 1,
      lineCount: 2,
      flaggedLineCount: 0,
      sourceName: 'ua-sought.csv',
    });

    const page = await registry.lines(
      actor,
      { mechanism: mechanism.id, party: 'ua', kind: 'sought' },
      { offset: 0, limit: 10 },
    );
    expect(page.total).toBe(2);
    expect(
      page.lines.map((l) => [l.recordId, l.surname, l.dateOfBirth, l.healthStatus, l.patronymic]),
    ).toEqual([
      ['S-1', 'Шевченко', '1999-03', 'seriously_wounded', 'Петрович'],
      ['S-2', 'Коваленко', '2001-02-14', null, null],
    ]);
  });

  it('rejects a file with errors, naming every bad line, and imports nothing', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const file = csvOf([
      HEADER,
      ['S-1', 'Шевченко', 'Олександр', '', '31.02.1999', ''],
      ['S-2', 'Бондар', 'Іван', '', '1990', 'wounded'],
      ['S-1', 'Ткаченко', 'Петро', '', '', ''],
      ['', 'Мельник', 'Андрій', '', '', ''],
      ['S-5', '', '', 'Іванович', '', ''],
    ]);
    const error = await rejection(
      registry.importList(actor, {
        mechanism: mechanism.name,
        party: 'UA',
        kind: 'sought',
        acceptInvalid: false,
        file: buildFile('bad.csv', file),
      }),
    );
    expect(error.code).toBe('REGISTRY.IMPORT_REJECTED');
    expect(error.message).toBe('bad.csv was not imported: 5 errors');
    expect(errorLines(error)).toEqual([
      'line 2, column date_of_birth: 1999-02 has no day 31 ("31.02.1999")',
      'line 3, column health_status: must be one of good, not_wounded, recovered, convalescent, sick, slightly_wounded, seriously_wounded, seriously_sick ("wounded")',
      'line 4, column record_id: duplicate record_id (first on line 2) ("S-1")',
      'line 5, column record_id: record_id is empty',
      'line 6: the line has neither a surname nor a given name',
    ]);
    expect(
      await registry.versions(actor, { mechanism: mechanism.name, party: 'UA', kind: 'sought' }),
    ).toEqual([]);
  });

  it('imports invalid values as missing with --accept-invalid, keeping the raw text and flagging the line', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const file = csvOf([
      HEADER,
      ['S-1', 'Шевченко', 'Олександр', '', '31.02.1999', ''],
      ['S-2', 'Бондар', 'Іван', '', '1990', ''],
    ]);
    const result = await registry.importList(actor, {
      mechanism: mechanism.name,
      party: 'RU',
      kind: 'held',
      acceptInvalid: true,
      file: buildFile('bad.csv', file),
    });
    expect(result.version).toMatchObject({ lineCount: 2, flaggedLineCount: 1 });
    expect(result.warnings.map(formatProblem)).toEqual([
      'line 2, column date_of_birth: 1999-02 has no day 31; imported as missing ("31.02.1999")',
      'line 3, column date_of_birth: the date is given only as a year ("1990")',
    ]);
    const { lines } = await registry.lines(
      actor,
      { mechanism: mechanism.name, party: 'RU', kind: 'held' },
      { offset: 0, limit: 10, isFlagged: true },
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      recordId: 'S-1',
      dateOfBirth: null,
      invalid: { date_of_birth: '31.02.1999' },
    });
  });

  it('tells the uploader an invalid health value, but never stores it in the warnings others can read', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const result = await registry.importList(actor, {
      mechanism: mechanism.id,
      party: 'RU',
      kind: 'held',
      acceptInvalid: true,
      file: buildFile('h.csv', csvOf([HEADER, ['H-1', 'Гук', 'Ян', '', '', 'HIV positive']])),
    });
    expect(result.warnings.map(formatProblem)).toEqual([
      'line 2, column health_status: must be one of good, not_wounded, recovered, convalescent, sick, slightly_wounded, seriously_wounded, seriously_sick; imported as missing ("HIV positive")',
    ]);
    expect(result.version.warnings).toEqual([
      'line 2, column health_status: must be one of good, not_wounded, recovered, convalescent, sick, slightly_wounded, seriously_wounded, seriously_sick; imported as missing',
    ]);
  });

  it('reads Windows-1251 with --encoding cp1251 and refuses it as UTF-8 with a hint', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const bytes = iconv.encode(
      csvOf([HEADER, ['S-1', 'Александров', 'Сергей', 'Иванович', '', '']]),
      'win1251',
    );
    const ref = {
      mechanism: mechanism.name,
      party: 'RU',
      kind: 'held' as const,
      acceptInvalid: false,
    };
    const error = await rejection(
      registry.importList(actor, { ...ref, file: buildFile('ru.csv', bytes) }),
    );
    expect(error.code).toBe('REGISTRY.ENCODING');
    expect(error.message).toMatch(/^ru\.csv is not valid UTF-8 .*--encoding cp1251$/);

    await registry.importList(actor, {
      ...ref,
      file: buildFile('ru.csv', bytes, { encoding: 'cp1251' }),
    });
    const { lines } = await registry.lines(actor, ref, { offset: 0, limit: 10 });
    expect(lines[0]).toMatchObject({
      surname: 'Александров',
      givenName: 'Сергей',
      patronymic: 'Иванович',
    });

    const utf8 = csvOf([HEADER, ['S-1', 'Александров', 'Сергей', '', '', '']]);
    const wrong = await rejection(
      registry.importList(actor, {
        ...ref,
        file: buildFile('u.csv', utf8, { encoding: 'cp1251' }),
      }),
    );
    expect(wrong.message).toBe(
      'u.csv is UTF-8, not Windows-1251: import it without --encoding cp1251',
    );
    expect(await registry.versions(actor, ref)).toHaveLength(1);
  });

  // PGlite silently answered nothing to statements of more than 32,767 parameters, which the
  // first multi-row inserts reached at 1,821 lines; lists are far longer than that.
  it('imports a list of thousands of lines whole', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const rows = Array.from({ length: 12_000 }, (_, i) => [
      `S-${i}`,
      'Бондар',
      'Іван',
      '',
      '1990',
      'sick',
    ]);
    const ref = { mechanism: mechanism.id, party: 'UA', kind: 'sought' as const };
    const { version } = await registry.importList(actor, {
      ...ref,
      acceptInvalid: false,
      file: buildFile('long.csv', csvOf([HEADER, ...rows]), { chunkSize: 64 * 1024 }),
    });
    expect(version.lineCount).toBe(12_000);
    const page = await registry.lines(actor, ref, { offset: 11_999, limit: 5 });
    expect([page.total, page.lines.map((l) => [l.recordId, l.healthStatus])]).toEqual([
      12_000,
      [['S-11999', 'sick']],
    ]);
  });

  it('refuses a file over the size limit', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const file = csvOf([
      HEADER,
      ...Array.from({ length: 100 }, (_, i) => [`S-${i}`, 'Бондар', 'Іван', '', '', '']),
    ]);
    const error = await rejection(
      registry.importList(actor, {
        mechanism: mechanism.name,
        party: 'UA',
        kind: 'sought',
        acceptInvalid: false,
        file: buildFile('big.csv', file, { maxBytes: 1024 }),
      }),
    );
    expect(error.code).toBe('REGISTRY.FILE_TOO_LARGE');
    expect(error.message).toBe('big.csv is larger than the limit of 1024 bytes');
  });

  it('keeps both of two concurrent imports of the same list as versions 1 and 2', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const ref = {
      mechanism: mechanism.name,
      party: 'UA',
      kind: 'sought' as const,
      acceptInvalid: false,
    };
    const [a, b] = await Promise.all([
      registry.importList(actor, {
        ...ref,
        file: buildFile('a.csv', csvOf([HEADER, ['A-1', 'Бондар', 'Іван', '', '', '']])),
      }),
      registry.importList(actor, {
        ...ref,
        file: buildFile('b.csv', csvOf([HEADER, ['B-1', 'Мельник', 'Петро', '', '', '']])),
      }),
    ]);
    expect([a.version.number, b.version.number].sort()).toEqual([1, 2]);
    const versions = await registry.versions(actor, ref);
    expect(versions.map((v) => [v.number, v.lineCount])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect(new Set(versions.map((v) => v.sourceName))).toEqual(new Set(['a.csv', 'b.csv']));
  });

  it('diffs a new version against the previous one, naming the changed fields', async () => {
    const { registry } = buildTestServices(db());
    const mechanism = await buildMechanism(db());
    const ref = {
      mechanism: mechanism.name,
      party: 'UA',
      kind: 'sought' as const,
      acceptInvalid: false,
    };
    await registry.importList(actor, {
      ...ref,
      file: buildFile(
        'v1.csv',
        csvOf([
          HEADER,
          ['S-1', 'Бондар', 'Іван', '', '1990-01-02', ''],
          ['S-2', 'Мельник', 'Петро', '', '', ''],
          ['S-3', 'Гук', 'Ян', '', '', ''],
        ]),
      ),
    });
    await registry.importList(actor, {
      ...ref,
      file: buildFile(
        'v2.csv',
        csvOf([
          HEADER,
          ['S-1', 'Бондар', 'Іван', 'Петрович', '1990-02-01', ''],
          ['S-3', 'Гук', 'Ян', '', '', ''],
          ['S-4', 'Лисенко', 'Юрій', '', '', ''],
        ]),
      ),
    });
    const { from, to, diff } = await registry.diff(actor, ref);
    expect([from?.number, to.number]).toEqual([1, 2]);
    expect(diff.added.map((l) => l.recordId)).toEqual(['S-4']);
    expect(diff.removed.map((l) => l.recordId)).toEqual(['S-2']);
    expect(diff.changed.map((c) => [c.recordId, c.changes])).toEqual([
      [
        'S-1',
        [
          { column: 'patronymic', before: '', after: 'Петрович' },
          { column: 'date_of_birth', before: '1990-01-02', after: '1990-02-01' },
        ],
      ],
    ]);
    expect(diff.unchangedCount).toBe(1);
  });

  it.each(['csv', 'xlsx'] as const)(
    'exports a version as %s that imports back to the same lines',
    async (format) => {
      const { registry } = buildTestServices(db());
      const mechanism = await buildMechanism(db());
      const ref = { mechanism: mechanism.name, party: 'RU', kind: 'held' as const };
      await registry.importList(actor, {
        ...ref,
        acceptInvalid: true,
        file: buildFile(
          'in.csv',
          csvOf([
            [...HEADER, 'Примітка'],
            ['H-1', 'Шевченко', 'Олександр', '', '1999', 'sick', 'x'],
            ['H-2', 'Ivanov', 'Ivan', '', '30.02.2000', '', ''],
          ]),
        ),
      });
      const out = new PassThrough();
      const [bytes] = await Promise.all([
        collect(out),
        registry.exportList(actor, ref, format, out),
      ]);
      await registry.importList(actor, {
        ...ref,
        acceptInvalid: true,
        file: buildFile(`out.${format}`, bytes),
      });
      const strip = (lines: { lineNumber: number }[]) =>
        lines.map(({ lineNumber: _, ...rest }) => rest);
      const v1 = await registry.lines(actor, { ...ref, version: 1 }, { offset: 0, limit: 10 });
      const v2 = await registry.lines(actor, { ...ref, version: 2 }, { offset: 0, limit: 10 });
      expect(strip(v2.lines)).toEqual(strip(v1.lines));
      expect(v1.lines[0]).toMatchObject({
        extra: { Примітка: 'x' },
        healthStatus: 'sick',
        dateOfBirth: '1999',
      });
    },
  );
});
