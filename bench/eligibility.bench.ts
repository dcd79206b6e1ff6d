/**
 * The eligibility benchmark (DESIGN.md, "Performance budgets": eligibility of 100,000 persons
 * under one agreement in ≤ 1 s). It generates the demo's synthetic held list of 100,000 lines,
 * reads it through the registry's validator as an import does (not timed), then times
 * compiling the 2 June 2025 Istanbul agreement and deciding every line, as `parley eligibility
 * evaluate` does between reading the lines and writing the results. Each run compiles afresh,
 * so no answer is carried over from the run before. The same is timed with the per-rule
 * memo off, to show the evaluator's own speed, and for the 16 May 2025 agreement. Then, when
 * PostgreSQL is reachable, `eligibility.evaluate` end to end on the same list imported into a
 * fresh database: reading the 100,000 lines, deciding them and writing 100,000 results
 * (reported for comparison; the budget is about the decision).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import {
  AGREEMENT_TEMPLATES,
  compileAgreement,
  type Eligibility,
} from '../packages/app/src/modules/agreements/index.ts';
import { generateSyntheticLists } from '../packages/app/src/modules/demo/index.ts';
import {
  LIST_COLUMNS,
  readPersonLines,
  type PersonLine,
} from '../packages/app/src/modules/registry/index.ts';
import { buildServices } from '../packages/app/src/services.ts';
import { SYSTEM_ACTOR } from '../packages/app/src/modules/access/index.ts';
import { ephemeralDeploymentKeys } from '../packages/app/src/platform/crypto/deployment-keys.ts';
import type { OpenDatabase } from '../packages/app/src/platform/db/kysely.ts';
import { writeResult } from './machine.ts';
import { connectPostgres, formatRows, round, withPostgresDatabase } from './support.ts';

const PERSONS = 100_000;
const SEED = 7;
const RUNS = 5;
/** DESIGN.md: eligibility of 100,000 persons under one agreement ≤ 1 s. */
const BUDGET_SECONDS = 1;

interface Figure {
  template: string;
  memo: boolean;
  /** The median of RUNS runs, each compiling afresh and deciding every line. */
  seconds: number;
  bestSeconds: number;
  personsPerSecond: number;
  outcomes: Record<string, number>;
}

export async function runEligibilityBenchmark(): Promise<void> {
  const { lines, csv } = await syntheticHeldLines();
  const loadAverageBefore = round(os.loadavg()[0] ?? 0, 2);
  console.log(
    `load average before: ${loadAverageBefore} (other work on the machine slows the figures)`,
  );
  console.log(`${lines.length} lines of the synthetic held list (seed ${SEED})`);
  const figures: Figure[] = [];
  for (const templateId of ['istanbul-2025-06-02', 'istanbul-2025-05-16']) {
    for (const memo of [true, false]) figures.push(measure(templateId, memo, lines));
  }
  console.log(
    formatRows(
      [
        'agreement',
        'memo',
        'seconds (median)',
        'best',
        'persons/s',
        'eligible',
        'not',
        'undetermined',
        'within 1 s',
      ],
      figures.map((f) => [
        f.template,
        f.memo ? 'on' : 'off',
        f.seconds.toFixed(3),
        f.bestSeconds.toFixed(3),
        Math.round(f.personsPerSecond).toLocaleString('en'),
        String(f.outcomes.eligible ?? 0),
        String(f.outcomes.not_eligible ?? 0),
        String(f.outcomes.undetermined ?? 0),
        f.memo ? (f.seconds <= BUDGET_SECONDS ? 'yes' : 'NO') : 'n/a',
      ]),
      2,
    ),
  );
  const endToEnd = await measureEndToEnd(csv);
  if (endToEnd)
    console.log(
      `PostgreSQL, eligibility.evaluate end to end (read ${lines.length} lines, decide, write the results): ${endToEnd.seconds.toFixed(2)} s`,
    );
  const counted = figures.filter((f) => f.memo);
  await writeResult(
    'eligibility',
    {
      persons: lines.length,
      seed: SEED,
      runs: RUNS,
      loadAverageBefore,
      figures,
      postgresEndToEnd: endToEnd,
    },
    {
      budgets: { eligibility: `100,000 persons under one agreement ≤ ${BUDGET_SECONDS} s` },
      withinBudget: counted.every((f) => f.seconds <= BUDGET_SECONDS),
    },
  );
}

function measure(templateId: string, memo: boolean, lines: readonly PersonLine[]): Figure {
  const template = AGREEMENT_TEMPLATES.find((t) => t.id === templateId);
  if (!template) throw new Error(`no template ${templateId}`);
  const times: number[] = [];
  let results: readonly Eligibility[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    const compiled = compileAgreement(template.definition, { memoize: memo });
    if (!compiled.ok) throw new Error(`${templateId} does not compile`);
    results = compiled.agreement.evaluate(lines);
    times.push((performance.now() - start) / 1000);
  }
  if (results.length !== lines.length)
    throw new Error(`${results.length} results for ${lines.length} lines`);
  const sorted = [...times].sort((a, b) => a - b);
  const seconds = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  const outcomes: Record<string, number> = {};
  for (const result of results) outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
  return {
    template: templateId,
    memo,
    seconds: round(seconds, 4),
    bestSeconds: round(sorted[0] ?? Number.NaN, 4),
    personsPerSecond: round(lines.length / seconds, 0),
    outcomes,
  };
}

/** `eligibility.evaluate` as the CLI runs it, on the list imported into a fresh PostgreSQL database; null when unreachable. */
async function measureEndToEnd(csv: Buffer): Promise<{ seconds: number; written: number } | null> {
  const postgres = await connectPostgres();
  if (!postgres.admin) {
    console.log(`PostgreSQL is unreachable (${postgres.reason}): no end-to-end figure`);
    return null;
  }
  try {
    return await withPostgresDatabase(postgres.admin, async (database: OpenDatabase) => {
      const services = buildServices({ db: database.db, keys: ephemeralDeploymentKeys() });
      const mechanism = await services.mechanisms.create(SYSTEM_ACTOR, {
        name: 'bench',
        parties: ['UA', 'RU'],
        mediators: ['TR'],
      });
      await services.registry.importList(SYSTEM_ACTOR, {
        mechanism: mechanism.id,
        party: 'RU',
        kind: 'held',
        acceptInvalid: true,
        file: {
          name: 'held.csv',
          encoding: 'utf-8',
          maxBytes: csv.length,
          content: Readable.from([csv]),
        },
      });
      await services.agreements.create(SYSTEM_ACTOR, mechanism.id, {
        template: 'istanbul-2025-06-02',
      });
      const start = performance.now();
      const result = await services.eligibility.evaluate(SYSTEM_ACTOR, {
        mechanism: mechanism.id,
        agreement: 'Istanbul, 2 June 2025',
      });
      const seconds = (performance.now() - start) / 1000;
      return { seconds: round(seconds, 3), written: result.lists.reduce((n, l) => n + l.lines, 0) };
    });
  } finally {
    await postgres.admin.end();
  }
}

async function syntheticHeldLines(): Promise<{ lines: PersonLine[]; csv: Buffer }> {
  const { held } = generateSyntheticLists({ seed: SEED, size: PERSONS });
  const text = stringify([LIST_COLUMNS, ...held.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]);
  const bytes = Buffer.from(text, 'utf8');
  const { lines } = await readPersonLines(
    {
      name: 'held.csv',
      encoding: 'utf-8',
      maxBytes: bytes.length,
      content: Readable.from([bytes]),
    },
    true,
  );
  return { lines: lines.slice(0, PERSONS), csv: bytes };
}
