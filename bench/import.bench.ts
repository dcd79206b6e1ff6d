/**
 * The import benchmark (DESIGN.md, "Performance budgets"): a 100,000-line synthetic list,
 * written as CSV and as XLSX, imported through the registry service into PostgreSQL (budgeted)
 * and into PGlite (reported, no budget).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { generateSyntheticLists } from '../packages/app/src/modules/demo/index.ts';
import { LIST_COLUMNS } from '../packages/app/src/modules/registry/index.ts';
// Below the registry's public surface, only to time reading + validation without a database.
import { createLineValidator } from '../packages/app/src/modules/registry/domain/line-validator.ts';
import { analyseHeader } from '../packages/app/src/modules/registry/domain/list-header.ts';
import { readListRows } from '../packages/app/src/modules/registry/list-file-reader.ts';
import { SYSTEM_ACTOR } from '../packages/app/src/modules/access/index.ts';
import { ephemeralDeploymentKeys } from '../packages/app/src/platform/crypto/deployment-keys.ts';
import { type OpenDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { buildServices } from '../packages/app/src/services.ts';
import { writeResult } from './machine.ts';
import { formatRows, mib, onEachDatabase, round, sampleRss, withTempDir } from './support.ts';

const LINES = 100_000;
const SEED = 7;

const FORMATS = ['csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];
type Target = 'postgres' | 'pglite';

/** DESIGN.md: import 100,000-line CSV / XLSX ≤ 5 s / ≤ 15 s, into PostgreSQL. PGlite has none. */
const BUDGET_SECONDS: Record<Target, Record<Format, number | null>> = {
  postgres: { csv: 5, xlsx: 15 },
  pglite: { csv: null, xlsx: null },
};

interface ListFile {
  path: string;
  bytes: number;
  writeSeconds: number;
  /** Reading, parsing and validating the file as the import does, without a database. */
  readValidateSeconds: number;
}

export interface ImportFigure {
  database: Target;
  format: Format;
  /** null when the import failed; `error` then says why. */
  seconds: number | null;
  linesPerSecond: number | null;
  /** seconds minus the file's read + validate time: roughly what writing to the database takes. */
  databaseSecondsEstimate: number | null;
  peakRssMiB: number;
  rssBeforeMiB: number;
  budgetSeconds: number | null;
  withinBudget: boolean | null;
  lines: number | null;
  flaggedLines: number | null;
  warnings: number | null;
  error: string | null;
}

export async function runImportBenchmark(): Promise<void> {
  await withTempDir('parley-bench-import-', async (tmp) => {
    const { files, generateSeconds } = await writeListFiles(tmp);
    for (const format of FORMATS) {
      const file = files[format];
      console.log(
        `${format}: ${mib(file.bytes).toFixed(1)} MiB, written in ${file.writeSeconds.toFixed(2)} s; ` +
          `read + validate without a database: ${file.readValidateSeconds.toFixed(2)} s`,
      );
    }

    // Each import gets a fresh, migrated database: the first version of a list, and one import's
    // failure cannot spoil the next one's figures.
    const { results: figures, postgres } = await onEachDatabase(
      tmp,
      FORMATS.map(
        (format) => (database: OpenDatabase) => importOne(database, format, files[format]),
      ),
      'no budgeted figures; running PGlite only',
    );

    printTable(figures);
    const budgeted = figures.filter((f) => f.budgetSeconds !== null);
    const withinBudget = postgres.reachable ? budgeted.every((f) => f.withinBudget === true) : null;
    console.log(
      withinBudget === null
        ? 'within budget: not known (the budgets are for PostgreSQL, which was not reached)'
        : `within budget: ${withinBudget ? 'yes' : 'NO'} (the budgets apply to PostgreSQL; PGlite has none)`,
    );
    await writeResult(
      'import',
      {
        lines: LINES,
        seed: SEED,
        generateSeconds: round(generateSeconds, 2),
        files: Object.fromEntries(
          FORMATS.map((format) => [
            format,
            {
              bytes: files[format].bytes,
              writeSeconds: round(files[format].writeSeconds, 2),
              readValidateSeconds: round(files[format].readValidateSeconds, 2),
            },
          ]),
        ),
        postgres,
        imports: figures,
      },
      {
        budgets: {
          'postgres.csv': `≤ ${BUDGET_SECONDS.postgres.csv} s`,
          'postgres.xlsx': `≤ ${BUDGET_SECONDS.postgres.xlsx} s`,
          pglite: 'none (reported only)',
        },
        withinBudget,
      },
    );
    const failed = figures.filter((f) => f.error !== null);
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} import${failed.length === 1 ? '' : 's'} failed: ` +
          failed.map((f) => `${f.database} ${f.format}: ${f.error}`).join('; '),
      );
    }
  });
}

/** Generates the sought list and writes it as CSV and XLSX; the records are dropped afterwards. */
async function writeListFiles(
  dir: string,
): Promise<{ files: Record<Format, ListFile>; generateSeconds: number }> {
  let started = performance.now();
  const { sought } = generateSyntheticLists({ seed: SEED, size: LINES });
  const generateSeconds = (performance.now() - started) / 1000;
  console.log(
    `generated ${sought.length.toLocaleString('en')} sought lines (seed ${SEED}) in ${generateSeconds.toFixed(2)} s`,
  );
  if (sought.length !== LINES)
    throw new Error(`the generator gave ${sought.length} lines, not ${LINES}`);
  const rows = () => sought.map((record) => LIST_COLUMNS.map((column) => record[column] ?? ''));

  const csvPath = path.join(dir, 'bench.csv');
  started = performance.now();
  await pipeline(
    Readable.from(rows()),
    stringify({ header: true, columns: [...LIST_COLUMNS], bom: true }),
    fs.createWriteStream(csvPath),
  );
  const csvSeconds = (performance.now() - started) / 1000;

  const xlsxPath = path.join(dir, 'bench.xlsx');
  started = performance.now();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: xlsxPath,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('list');
  sheet.addRow([...LIST_COLUMNS]).commit();
  for (const row of rows()) sheet.addRow(row).commit(); // every value is a string, so every cell is text
  sheet.commit();
  await workbook.commit();
  const xlsxSeconds = (performance.now() - started) / 1000;

  const file = async (
    filePath: string,
    format: Format,
    writeSeconds: number,
  ): Promise<ListFile> => ({
    path: filePath,
    bytes: (await fsp.stat(filePath)).size,
    writeSeconds,
    readValidateSeconds: await timeReadValidate(filePath, format),
  });
  return {
    files: {
      csv: await file(csvPath, 'csv', csvSeconds),
      xlsx: await file(xlsxPath, 'xlsx', xlsxSeconds),
    },
    generateSeconds,
  };
}

/**
 * Reads and validates a file as the registry service's import does before it writes anything
 * (list-file-reader, header analysis, line validator), to tell that part from the database's.
 */
async function timeReadValidate(filePath: string, format: Format): Promise<number> {
  const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  const isKnownCountry = (code: string) => regionNames.of(code) !== code;
  const started = performance.now();
  let validate: ReturnType<typeof createLineValidator> | undefined;
  const lines: unknown[] = []; // kept, as the import keeps them until it writes
  const file = {
    name: `bench.${format}`,
    content: fs.createReadStream(filePath),
    encoding: 'utf-8',
    maxBytes: 1e9,
  } as const;
  for await (const row of readListRows(file)) {
    if (!validate) {
      validate = createLineValidator(analyseHeader(row.cells).slots, {
        acceptInvalid: true,
        isKnownCountry,
      });
      continue;
    }
    const { line } = validate(row.line, row.cells);
    if (line) lines.push(line);
  }
  const seconds = (performance.now() - started) / 1000;
  if (lines.length !== LINES) {
    throw new Error(`reading ${filePath} gave ${lines.length} valid lines, not ${LINES}`);
  }
  return seconds;
}

/** Imports one file into a new mechanism of a migrated database; a failed import is recorded, not thrown. */
async function importOne(
  database: OpenDatabase,
  format: Format,
  file: ListFile,
): Promise<ImportFigure> {
  // as the server wires them; the audit log signs with a key held only in memory
  const services = buildServices({ db: database.db, keys: ephemeralDeploymentKeys() });
  const budgetSeconds = BUDGET_SECONDS[database.kind][format];
  const rss = sampleRss();
  const figure: ImportFigure = {
    database: database.kind,
    format,
    seconds: null,
    linesPerSecond: null,
    databaseSecondsEstimate: null,
    peakRssMiB: 0,
    rssBeforeMiB: Math.round(mib(rss.before)),
    budgetSeconds,
    withinBudget: budgetSeconds === null ? null : false,
    lines: null,
    flaggedLines: null,
    warnings: null,
    error: null,
  };
  try {
    const mechanism = await services.mechanisms.create(SYSTEM_ACTOR, {
      name: `bench ${format}`,
      parties: ['UA', 'RU'],
      mediators: ['TR'],
    });
    const started = performance.now();
    const { version, warnings } = await services.registry.importList(SYSTEM_ACTOR, {
      mechanism: mechanism.id,
      party: 'UA',
      kind: 'sought',
      acceptInvalid: true,
      file: {
        name: `bench.${format}`,
        content: fs.createReadStream(file.path),
        encoding: 'utf-8',
        maxBytes: 1e9,
      },
    });
    const seconds = (performance.now() - started) / 1000;
    Object.assign(figure, {
      lines: version.lineCount,
      flaggedLines: version.flaggedLineCount,
      warnings: warnings.length,
    });
    if (version.lineCount !== LINES) {
      throw new Error(
        `the new version has ${version.lineCount} lines, not ${LINES} (${warnings.length} warnings)`,
      );
    }
    Object.assign(figure, {
      seconds: round(seconds, 3),
      linesPerSecond: Math.round(LINES / seconds),
      databaseSecondsEstimate: round(seconds - file.readValidateSeconds, 2),
      withinBudget: budgetSeconds === null ? null : seconds <= budgetSeconds,
    });
  } catch (error) {
    figure.error = error instanceof Error ? error.message : String(error);
  } finally {
    rss.stop();
    figure.peakRssMiB = Math.round(mib(rss.peak()));
  }
  console.log(
    figure.error === null
      ? `${figure.database} ${format}: ${figure.seconds?.toFixed(2)} s, ${figure.linesPerSecond?.toLocaleString('en')} lines/s, peak RSS ${figure.peakRssMiB} MiB`
      : `${figure.database} ${format}: IMPORT FAILED: ${figure.error}`,
  );
  return figure;
}

function printTable(figures: readonly ImportFigure[]): void {
  const header = [
    'database',
    'format',
    'seconds',
    'lines/s',
    'peak RSS MiB',
    'budget',
    'within budget',
  ];
  const rows = figures.map((f) => [
    f.database,
    f.format,
    f.seconds === null ? 'FAILED' : f.seconds.toFixed(2),
    f.linesPerSecond === null ? '-' : f.linesPerSecond.toLocaleString('en'),
    String(f.peakRssMiB),
    f.budgetSeconds === null ? 'none' : `≤ ${f.budgetSeconds} s`,
    f.withinBudget === null ? 'n/a (no budget)' : f.withinBudget ? 'yes' : 'NO',
  ]);
  console.log(`\n${formatRows(header, rows, 2)}\n`);
}
