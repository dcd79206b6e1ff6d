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
import { buildServices } from '../packages/app/src/cli/context.ts';
import { generateSyntheticLists } from '../packages/app/src/modules/demo/index.ts';
import { LIST_COLUMNS } from '../packages/app/src/modules/registry/index.ts';
import { SYSTEM_ACTOR } from '../packages/app/src/platform/actor.ts';
import {
  migrateToLatest,
  openDatabase,
  type OpenDatabase,
} from '../packages/app/src/platform/db/kysely.ts';
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
}

export interface ImportFigure {
  database: Target;
  format: Format;
  lines: number;
  seconds: number;
  linesPerSecond: number;
  peakRssMiB: number;
  rssBeforeMiB: number;
  budgetSeconds: number | null;
  withinBudget: boolean | null;
  flaggedLines: number;
  warnings: number;
}

export async function runImportBenchmark(): Promise<void> {
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'parley-bench-import-'));
  try {
    const { files, generateSeconds } = await writeListFiles(tmp);
    for (const format of FORMATS) {
      const file = files[format];
      console.log(
        `${format}: ${mib(file.bytes).toFixed(1)} MiB, written in ${file.writeSeconds.toFixed(2)} s`,
      );
    }

    const figures: ImportFigure[] = [];
    const postgres = await withPostgres(async (database) => {
      figures.push(...(await importBoth(database, files)));
    });
    if (!postgres.reachable) {
      console.log(
        `PostgreSQL at ${redact(POSTGRES_URL)} is unreachable (${postgres.reason}): no budgeted figures; running PGlite only`,
      );
    }
    await withPglite(tmp, async (database) => {
      figures.push(...(await importBoth(database, files)));
    });

    printTable(figures);
    const budgeted = figures.filter((f) => f.withinBudget !== null);
    const withinBudget = postgres.reachable ? budgeted.every((f) => f.withinBudget === true) : null;
    console.log(
      withinBudget === null
        ? 'within budget: not known (the budgets are for PostgreSQL, which was not reached)'
        : `within budget: ${withinBudget ? 'yes' : 'NO'} (budgets apply to PostgreSQL only; PGlite has no budget)`,
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
            { bytes: files[format].bytes, writeSeconds: round(files[format].writeSeconds, 2) },
          ]),
        ),
        postgres: postgres.reachable
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

  const file = async (filePath: string, writeSeconds: number): Promise<ListFile> => ({
    path: filePath,
    bytes: (await fsp.stat(filePath)).size,
    writeSeconds,
  });
  return {
    files: { csv: await file(csvPath, csvSeconds), xlsx: await file(xlsxPath, xlsxSeconds) },
    generateSeconds,
  };
}

/** Imports each file into its own mechanism of one migrated database. */
async function importBoth(
  database: OpenDatabase,
  files: Record<Format, ListFile>,
): Promise<ImportFigure[]> {
  const services = buildServices(database);
  const figures: ImportFigure[] = [];
  for (const format of FORMATS) {
    const mechanism = await services.mechanisms.create(SYSTEM_ACTOR, {
      name: `bench ${format}`,
      parties: ['UA', 'RU'],
      mediators: ['TR'],
    });
    collectGarbage();
    const rssBefore = process.memoryUsage().rss;
    const rss = sampleRss();
    let seconds: number;
    let result: Awaited<ReturnType<typeof services.registry.importList>>;
    try {
      const started = performance.now();
      result = await services.registry.importList(SYSTEM_ACTOR, {
        mechanism: mechanism.id,
        party: 'UA',
        kind: 'sought',
        acceptInvalid: true,
        file: {
          name: `bench.${format}`,
          content: fs.createReadStream(files[format].path),
          encoding: 'utf-8',
          maxBytes: 1e9,
        },
      });
      seconds = (performance.now() - started) / 1000;
    } finally {
      rss.stop();
    }
    const { version, warnings } = result;
    if (version.lineCount !== LINES) {
      throw new Error(
        `${database.kind} ${format} import gave a version of ${version.lineCount} lines, not ${LINES} (${warnings.length} warnings)`,
      );
    }
    const budgetSeconds = BUDGET_SECONDS[database.kind][format];
    const figure: ImportFigure = {
      database: database.kind,
      format,
      lines: version.lineCount,
      seconds: round(seconds, 3),
      linesPerSecond: Math.round(version.lineCount / seconds),
      peakRssMiB: Math.round(mib(rss.peak())),
      rssBeforeMiB: Math.round(mib(rssBefore)),
      budgetSeconds,
      withinBudget: budgetSeconds === null ? null : seconds <= budgetSeconds,
      flaggedLines: version.flaggedLineCount,
      warnings: warnings.length,
    };
    console.log(
      `${figure.database} ${format}: ${figure.seconds.toFixed(2)} s, ${figure.linesPerSecond.toLocaleString('en')} lines/s, peak RSS ${figure.peakRssMiB} MiB`,
    );
    figures.push(figure);
  }
  return figures;
}

type PostgresOutcome = { reachable: true } | { reachable: false; reason: string };

/** Runs `work` on a fresh, migrated PostgreSQL database that is dropped afterwards. */
async function withPostgres(
  work: (database: OpenDatabase) => Promise<void>,
): Promise<PostgresOutcome> {
  const adminUrl = new URL(POSTGRES_URL);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({
    connectionString: adminUrl.toString(),
    connectionTimeoutMillis: 5_000,
  });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => {});
    return { reachable: false, reason: (error as Error).message || String(error) };
  }
  const name = `parley_bench_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`); // not in a transaction: pg sends it as a simple query
    try {
      const url = new URL(POSTGRES_URL);
      url.pathname = `/${name}`;
      const database = await openDatabase({ kind: 'postgres', url: url.toString() });
      try {
        await migrateToLatest(database.db);
        console.log(`PostgreSQL: database ${name} created and migrated`);
        await work(database);
      } finally {
        await database.close();
      }
    } finally {
      await admin
        .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        .catch(async (error: Error) => {
          console.error(
            `could not drop database ${name} with FORCE (${error.message}); trying without`,
          );
          await admin.query(`DROP DATABASE IF EXISTS ${name}`);
        });
    }
  } finally {
    await admin.end();
  }
  return { reachable: true };
}

/** Runs `work` on a fresh, migrated PGlite database in a temporary data directory. */
async function withPglite(
  tmp: string,
  work: (database: OpenDatabase) => Promise<void>,
): Promise<void> {
  const dataDir = path.join(tmp, 'pglite');
  try {
    const started = performance.now();
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await migrateToLatest(database.db);
      console.log(
        `PGlite: fresh database created and migrated in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed)`,
      );
      await work(database);
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

/** Collects garbage between imports so that one import's leftovers do not count in the next one's RSS. */
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
    f.seconds.toFixed(2),
    f.linesPerSecond.toLocaleString('en'),
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
