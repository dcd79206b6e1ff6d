/**
 * The import benchmark (DESIGN.md, "Performance budgets"): a 100,000-line synthetic list,
 * written as CSV and as XLSX, imported through the registry service into PostgreSQL (budgeted)
 * and into PGlite (reported, no budget).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { generateSyntheticLists } from '../packages/app/src/modules/demo/index.ts';
import { LIST_COLUMNS } from '../packages/app/src/modules/registry/index.ts';
// Below the registry's public surface, only to time reading + validation without a database.
import { createLineValidator } from '../packages/app/src/modules/registry/domain/line-validator.ts';
import { analyseHeader } from '../packages/app/src/modules/registry/domain/list-header.ts';
import { readListRows } from '../packages/app/src/modules/registry/list-file-reader.ts';
import { SYSTEM_ACTOR } from '../packages/app/src/modules/access/index.ts';
import { ephemeralDeploymentKeys } from '../packages/app/src/platform/crypto/deployment-keys.ts';
import { openDatabase, type OpenDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { buildServices } from '../packages/app/src/services.ts';
import { writeResult } from './machine.ts';

const LINES = 100_000;
const SEED = 7;
const POSTGRES_URL = process.env.PARLEY_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/';
const RSS_SAMPLE_MS = 50;

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
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'parley-bench-import-'));
  try {
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
    const figures: ImportFigure[] = [];
    const postgres = await connectPostgres();
    try {
      if (postgres.admin) {
        for (const format of FORMATS) {
          figures.push(
            await withPostgresDatabase(postgres.admin, (database) =>
              importOne(database, format, files[format]),
            ),
          );
        }
      } else {
        console.log(
          `PostgreSQL at ${redact(POSTGRES_URL)} is unreachable (${postgres.reason}): no budgeted figures; running PGlite only`,
        );
      }
    } finally {
      await postgres.admin?.end();
    }
    for (const format of FORMATS) {
      figures.push(
        await withPgliteDatabase(tmp, (database) => importOne(database, format, files[format])),
      );
    }

    printTable(figures);
    const budgeted = figures.filter((f) => f.budgetSeconds !== null);
    const withinBudget = postgres.admin ? budgeted.every((f) => f.withinBudget === true) : null;
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
        postgres: postgres.admin
          ? { reachable: true }
          : { reachable: false, reason: postgres.reason },
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
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
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
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const rss = sampleRss();
  const figure: ImportFigure = {
    database: database.kind,
    format,
    seconds: null,
    linesPerSecond: null,
    databaseSecondsEstimate: null,
    peakRssMiB: 0,
    rssBeforeMiB: Math.round(mib(rssBefore)),
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

type PostgresAdmin =
  { admin: pg.Client; reason?: undefined } | { admin?: undefined; reason: string };

/** Connects to the server's `postgres` database, to create and drop the benchmark's databases. */
async function connectPostgres(): Promise<PostgresAdmin> {
  const adminUrl = new URL(POSTGRES_URL);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({
    connectionString: adminUrl.toString(),
    connectionTimeoutMillis: 5_000,
  });
  admin.on('error', (error) => console.error(`PostgreSQL admin connection: ${error.message}`));
  try {
    await admin.connect();
    return { admin };
  } catch (error) {
    await admin.end().catch(() => {});
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs `work` on a fresh, migrated PostgreSQL database that is dropped afterwards. */
async function withPostgresDatabase<T>(
  admin: pg.Client,
  work: (database: OpenDatabase) => Promise<T>,
): Promise<T> {
  const name = `parley_bench_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`); // a simple query, outside any transaction
  try {
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    const database = await openDatabase(
      { kind: 'postgres', url: url.toString() },
      { migrate: true },
    );
    try {
      console.log(`PostgreSQL: database ${name} created and migrated (not timed)`);
      return await work(database);
    } finally {
      await database.close();
    }
  } finally {
    await dropDatabase(admin, name);
  }
}

/**
 * Drops the benchmark's database. A plain DROP waits a few seconds for closing sessions to go;
 * FORCE, which terminates them, is the fallback (it would also kill a pool's idle connection).
 */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  } catch (error) {
    console.error(
      `could not drop database ${name} (${(error as Error).message}); dropping it WITH (FORCE)`,
    );
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** Runs `work` on a fresh, migrated PGlite database in a temporary data directory, removed afterwards. */
async function withPgliteDatabase<T>(
  tmp: string,
  work: (database: OpenDatabase) => Promise<T>,
): Promise<T> {
  const dataDir = await fsp.mkdtemp(path.join(tmp, 'pglite-'));
  try {
    const started = performance.now();
    const database = await openDatabase({ kind: 'pglite', dataDir }, { migrate: true });
    try {
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `PGlite: fresh database created and migrated in ${seconds.toFixed(1)} s (not timed)`,
      );
      return await work(database);
    } finally {
      await database.close();
    }
  } finally {
    await fsp.rm(dataDir, { recursive: true, force: true });
  }
}

/** Samples the process's resident set every 50 ms; PGlite runs in-process, so its memory counts too. */
function sampleRss(): { stop(): void; peak(): number } {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
    },
    peak: () => peak,
  };
}

let gc: (() => void) | null | undefined;

/** Collects garbage between imports so that one import's leftovers weigh less on the next one's RSS. */
function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
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
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
  console.log('');
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function mib(bytes: number): number {
  return bytes / 1024 / 1024;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
