import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFile } from '../../testing/factories.ts';
import { createLineValidator } from './domain/line-validator.ts';
import { HEALTH_STATUSES, LEGAL_STATUSES, type PersonLine } from './domain/list-columns.ts';
import { analyseHeader } from './domain/list-header.ts';
import { readListRows } from './list-file-reader.ts';
import { writeListFile, type ListFileFormat } from './list-file-writer.ts';

const CYRILLIC = [...'абвгґдеєжзиіїйклмнопрстуфхцчшщьюяАБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯёЁыЫэЭъ'];
const LATIN = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const PUNCTUATION = [...` '-,.";`];

const word = fc
  .array(fc.constantFrom(...CYRILLIC, ...LATIN, ...PUNCTUATION), { minLength: 1, maxLength: 14 })
  .map((chars) => chars.join('').trim())
  .filter((text) => text.length > 0);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const partialDate = fc
  .tuple(
    fc.integer({ min: 1900, max: 1990 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    fc.constantFrom(1, 2, 3),
  )
  .map(([y, m, d, parts]) =>
    [String(y), String(m).padStart(2, '0'), String(d).padStart(2, '0')].slice(0, parts).join('-'),
  );

const personLine = fc.record({
  surname: word,
  givenName: optional(word),
  patronymic: optional(word),
  surnameLatin: optional(word),
  givenNameLatin: optional(word),
  sex: optional(fc.constantFrom('M' as const, 'F' as const)),
  dateOfBirth: optional(partialDate),
  placeOfBirth: optional(word),
  nationality: optional(fc.constantFrom('UA', 'RU', 'BY', 'GE')),
  legalStatus: optional(fc.constantFrom(...LEGAL_STATUSES)),
  rank: optional(word),
  serviceNumber: optional(word),
  unit: optional(word),
  captureDate: optional(fc.constantFrom('2022-03', '2023', '2024-11-02')),
  capturePlace: optional(word),
  detentionPlace: optional(word),
  healthStatus: optional(fc.constantFrom(...HEALTH_STATUSES)),
  notes: optional(word),
  extra: fc.record({ Примітка: word }, { requiredKeys: [] }),
});

const lists = fc.array(personLine, { minLength: 1, maxLength: 25 }).map((lines): PersonLine[] =>
  lines.map((line, index) => ({
    ...line,
    lineNumber: index + 2,
    recordId: `R-${index + 1}`,
    invalid: {},
  })),
);

async function roundTrip(lines: PersonLine[], format: ListFileFormat): Promise<PersonLine[]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const extras = [...new Set(lines.flatMap((line) => Object.keys(line.extra)))];
  await writeListFile(
    (async function* () {
      yield* lines;
    })(),
    extras,
    format,
    out,
  );
  const rows = readListRows(
    buildFile(`list.${format}`, Buffer.concat(chunks), { chunkSize: 4096 }),
  );
  const read: PersonLine[] = [];
  let validate: ReturnType<typeof createLineValidator> | undefined;
  for await (const row of rows) {
    if (!validate) {
      validate = createLineValidator(analyseHeader(row.cells).slots, {
        acceptInvalid: false,
        isKnownCountry: () => true,
      });
      continue;
    }
    const result = validate(row.line, row.cells);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    if (result.line) read.push(result.line);
  }
  return read;
}

describe.each(['csv', 'xlsx'] as const)('a %s list file', (format) => {
  it('reads back exactly what was written: Cyrillic, partial dates, extra columns', async () => {
    await fc.assert(
      fc.asyncProperty(lists, async (lines) => {
        expect(await roundTrip(lines, format)).toEqual(lines);
      }),
      { numRuns: format === 'xlsx' ? 25 : 100 },
    );
  });
});
