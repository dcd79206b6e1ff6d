import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIST_FILE_LIMIT_DEFAULTS, type ListFileLimits } from '../../platform/config.ts';
import { isAppError } from '../../platform/errors.ts';
import { buildFile, csvOf } from '../../testing/factories.ts';
import {
  csvWithLongSurname,
  storedZipOf,
  xlsxBomb,
  xlsxWithRows,
} from '../../testing/hostile-files.ts';
import { readListRows, type RawRow } from './list-file-reader.ts';

const limited = (overrides: Partial<ListFileLimits>): ListFileLimits => ({
  ...LIST_FILE_LIMIT_DEFAULTS,
  ...overrides,
});

async function rowsOf(
  name: string,
  content: string | Uint8Array,
  limits: ListFileLimits = LIST_FILE_LIMIT_DEFAULTS,
): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  const file = buildFile(name, content, { chunkSize: 64 * 1024, maxBytes: 50 * 1024 * 1024 });
  for await (const row of readListRows({ ...file, limits })) rows.push(row);
  return rows;
}

/** What the reader refused the file with: the code, the message and the first problem. */
async function refusal(
  name: string,
  content: string | Uint8Array,
  limits?: ListFileLimits,
): Promise<{ code: string; message: string; problem: unknown }> {
  try {
    await rowsOf(name, content, limits);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const details = error.details as { errors?: unknown[] } | undefined;
    return { code: error.code, message: error.message, problem: details?.errors?.[0] };
  }
  throw new Error(`${name} was read without a refusal`);
}

describe('a hostile list file', () => {
  it.each([
    ['in the shared strings, after the sheet (as Excel writes it)', 'shared', true],
    ['in the shared strings, before the sheet', 'shared', false],
    ['inline in the sheet', 'inline', true],
  ] as const)(
    'is refused by line and column when one compressed cell unpacks to 20 million characters, %s',
    async (_, place, isSheetFirst) => {
      const bomb = xlsxBomb({ cellChars: 20_000_000, place, isSheetFirst });
      expect(bomb.length).toBeLessThan(100_000);
      expect(await refusal('bomb.xlsx', bomb)).toEqual({
        code: 'REGISTRY.IMPORT_REJECTED',
        message:
          'bomb.xlsx was not imported: line 2, column surname: the cell is too long: more than the limit of 10,000 characters (the limit is set by PARLEY_MAX_CELL_CHARS)',
        problem: {
          line: 2,
          column: 'surname',
          message:
            'the cell is too long: more than the limit of 10,000 characters (the limit is set by PARLEY_MAX_CELL_CHARS)',
          severity: 'error',
        },
      });
    },
  );

  it('is refused when it unpacks to more than the limit, before the part is unpacked', async () => {
    const bomb = xlsxBomb({ cellChars: 5_000_000 });
    const { code, message } = await refusal(
      'bomb.xlsx',
      bomb,
      limited({ maxUnpackedBytes: 4 * 1024 * 1024 }),
    );
    expect(code).toBe('REGISTRY.FILE_TOO_LARGE');
    expect(message).toBe(
      'bomb.xlsx unpacks to more than 4 MiB, the limit for a list file (the limit is set by PARLEY_MAX_UNPACKED_BYTES)',
    );
  });

  it('refuses a CSV with a 1-million-character surname, naming the line, the column and the length', async () => {
    const { code, problem } = await refusal('long.csv', csvWithLongSurname(1_000_000));
    expect(code).toBe('REGISTRY.IMPORT_REJECTED');
    expect(problem).toMatchObject({
      line: 2,
      column: 'surname',
      message: expect.stringContaining(
        '1,000,000 characters, more than the limit of 10,000 characters',
      ) as unknown,
    });
  });

  it('refuses a CSV line longer than its columns could hold before the parser holds all of it', async () => {
    const limits = limited({ maxCellChars: 10, maxColumns: 3 });
    const { problem } = await refusal(
      'wide.csv',
      `record_id,surname\nS-1,${'x'.repeat(100)}\n`,
      limits,
    );
    expect(problem).toMatchObject({
      line: 2,
      column: 'surname',
      message: expect.stringContaining('the line is too long: more than 30 characters') as unknown,
    });
  });

  it('refuses more lines than the limit, naming the first line over it', async () => {
    const rows = [['record_id'], ...Array.from({ length: 6 }, (_, i) => [`S-${i}`])];
    const { problem, message } = await refusal('many.csv', csvOf(rows), limited({ maxLines: 5 }));
    expect(problem).toMatchObject({ line: 7, column: null });
    expect(message).toContain('line 7: the file has more than 5 lines under its header');
    expect(message).toContain('PARLEY_MAX_LIST_LINES');
  });

  it('refuses more columns than the limit, in a CSV and in an XLSX cell far to the right', async () => {
    const limits = limited({ maxColumns: 3 });
    expect((await refusal('wide.csv', 'a,b,c,d\n', limits)).problem).toMatchObject({
      line: 1,
      column: 'D',
    });
    const far = xlsxWithRows(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>record_id</t></is></c></row><row r="2"><c r="ZZZZZZ2"><v>1</v></c></row>`,
    );
    const { problem } = await refusal('far.xlsx', far, limits);
    expect(problem).toMatchObject({
      line: 2,
      message: expect.stringContaining('more than 3 columns') as unknown,
    });
  });

  it('refuses an XLSX part with a DOCTYPE (entity expansion) or a tag without end', async () => {
    const laughs = `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>`;
    const withDoctype = storedZipOf([
      {
        name: 'xl/worksheets/sheet1.xml',
        text: `<?xml version="1.0"?>${laughs}<worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>`,
      },
    ]);
    expect(await refusal('laughs.xlsx', withDoctype)).toMatchObject({
      code: 'REGISTRY.UNSUPPORTED_FILE',
      message: expect.stringContaining('declares a DOCTYPE') as unknown,
    });
    const endless = storedZipOf([
      {
        name: 'xl/worksheets/sheet1.xml',
        text: `<worksheet><sheetData><row a="${'x'.repeat(70_000)}`,
      },
    ]);
    expect((await refusal('tag.xlsx', endless)).message).toContain('an XML tag longer than');
  });
});

describe('an XLSX file', () => {
  it("reads Excel's shapes: shared, inline and rich strings, numbers, booleans, errors, formulas and dates", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('list');
    sheet.addRow(['record_id', 'surname', 'date_of_birth', 'n', 'b', 'f', 'e']);
    const row = sheet.addRow([
      'S-1',
      { richText: [{ text: 'Шев', font: { bold: true } }, { text: 'ченко' }] },
      new Date(Date.UTC(1990, 4, 17)),
      1.5,
      true,
      { formula: '1+1', result: 2 },
      { error: '#N/A' },
    ]);
    row.getCell(3).numFmt = 'dd.mm.yyyy';
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    expect((await rowsOf('book.xlsx', bytes)).map((r) => r.cells)).toEqual([
      ['record_id', 'surname', 'date_of_birth', 'n', 'b', 'f', 'e'],
      ['S-1', 'Шевченко', '1990-05-17', '1.5', 'true', '2', '#N/A'],
    ]);
  });

  it('reads every Cyrillic name whole, also where a character spans two unpacked chunks', async () => {
    // exceljs's stream reader broke such characters into U+FFFD: 8 of these 5,000 names.
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('list');
    const names = Array.from({ length: 5000 }, (_, i) => `Шевченко-Бондаренко ${i} Ґедзь`);
    sheet.addRow(['record_id', 'surname']);
    names.forEach((name, i) => sheet.addRow([`S-${i}`, name]));
    const rows = await rowsOf('names.xlsx', new Uint8Array(await book.xlsx.writeBuffer()));
    expect(rows.slice(1).map((row) => row.cells[1])).toEqual(names);
  });

  it('reads cells and rows without references, prefixed names, and leaves out phonetic runs', async () => {
    const bytes = xlsxWithRows(
      `<row><c t="inlineStr"><is><t>record_id</t></is></c><c t="s"><v>0</v></c></row>` +
        `<row r="4"><c t="inlineStr"><is><t>S-4</t></is></c><c r="C4" t="s"><v>1</v></c></row>`,
      ['surname', '<r><t>Кім</t></r><rPh sb="0" eb="1"><t>キム</t></rPh>'],
    );
    expect(await rowsOf('shapes.xlsx', bytes)).toEqual([
      { line: 1, cells: ['record_id', 'surname'] },
      { line: 4, cells: ['S-4', '', 'Кім'] },
    ]);
  });

  it('reads back every cell within the limit as written, and refuses every longer one by line and column', async () => {
    const maxCellChars = 12;
    const text = fc.string({
      unit: fc.constantFrom('a', 'Я', '&', '<', '>', '"', "'", ' ', '€', '😀', '\n', ';'),
      maxLength: 30,
    });
    await fc.assert(
      fc.asyncProperty(text, async (value) => {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('list');
        sheet.addRow(['record_id', 'name']);
        sheet.addRow(['S-1', value]);
        const bytes = new Uint8Array(await book.xlsx.writeBuffer());
        const limits = limited({ maxCellChars });
        if (value.length <= maxCellChars) {
          const rows = await rowsOf('p.xlsx', bytes, limits);
          expect(rows[1]?.cells[1] ?? '').toBe(value);
        } else {
          expect((await refusal('p.xlsx', bytes, limits)).problem).toMatchObject({
            line: 2,
            column: 'name',
          });
        }
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('is read or refused with an error of its own whatever its bytes: cut short or altered', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('list').addRows([
      ['record_id', 'surname'],
      ['S-1', 'Бондар'],
    ]);
    const valid = new Uint8Array(await book.xlsx.writeBuffer());
    const damage = fc.oneof(
      fc.record({ cut: fc.integer({ min: 4, max: valid.length - 1 }) }),
      fc.record({
        at: fc.array(fc.integer({ min: 4, max: valid.length - 1 }), { minLength: 1, maxLength: 8 }),
        byte: fc.integer({ min: 0, max: 255 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(damage, async (change) => {
        const bytes = 'cut' in change ? valid.slice(0, change.cut) : valid.slice();
        if ('at' in change) for (const at of change.at) bytes[at] = change.byte;
        try {
          await rowsOf('damaged.xlsx', bytes);
        } catch (error) {
          expect(isAppError(error), String(error)).toBe(true);
        }
      }),
      { numRuns: 200, seed: 1414 },
    );
  });
});
