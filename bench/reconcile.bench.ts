/**
 * The reconciliation benchmark (DESIGN.md, "Performance budgets"): 100,000 sought × 100,000 held
 * synthetic persons, the held list in Russian forms with the errors DOMAIN.md describes, read
 * from CSV as `parley link` reads them and linked one-to-one; the generator's truth measures
 * pairs completeness after blocking, precision and recall.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'csv-stringify/sync';
import { linkLists, personListSettings } from '../packages/engine/src/index.ts';
import { generateSyntheticLists } from '../packages/app/src/modules/demo/index.ts';
import { toLinkRecord } from '../packages/app/src/modules/reconciliation/index.ts';
import { LIST_COLUMNS, readPersonLines } from '../packages/app/src/modules/registry/index.ts';
import { writeResult } from './machine.ts';
import { mib, round, sampleRss, withTempDir } from './support.ts';

const SIZE = Number(process.env.PARLEY_BENCH_RECONCILE_SIZE ?? 100_000);
const BUDGET = { seconds: 20, rssMiB: 2048, pairsCompleteness: 0.99 };
const BUDGETS = { seconds: '≤ 20', peakRssMiB: '≤ 2048', pairsCompleteness: '≥ 0.99' };

export async function runReconcileBenchmark(): Promise<void> {
  console.log(`\n== reconcile ==`);
  const lists = generateSyntheticLists({ seed: 7, size: SIZE });
  const truth = lists.truth.map((t) => [t.soughtId, t.heldId] as const);
  await withTempDir('parley-reconcile-', async (dir) => {
    const files = { sought: path.join(dir, 'sought.csv'), held: path.join(dir, 'held.csv') };
    for (const [kind, rows] of [
      ['sought', lists.sought],
      ['held', lists.held],
    ] as const) {
      await fs.writeFile(
        files[kind],
        stringify([LIST_COLUMNS, ...rows.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]),
      );
    }
    const rss = sampleRss();
    const started = performance.now();
    const read = async (file: string) => {
      const outcome = await readPersonLines(
        {
          name: path.basename(file),
          content: createReadStream(file),
          encoding: 'utf-8',
          maxBytes: 1e9,
        },
        true,
      );
      if (outcome.errors.length > 0) throw new Error(`${file}: ${outcome.errors.length} errors`);
      return outcome.lines.map(toLinkRecord);
    };
    const [left, right] = [await read(files.sought), await read(files.held)];
    const readSeconds = (performance.now() - started) / 1000;
    const result = linkLists(left, right, personListSettings(), { seed: 1, truth });
    const seconds = (performance.now() - started) / 1000;
    rss.stop();

    const isTrue = new Set(truth.map(([l, r]) => `${l}|${r}`));
    const matches = result.pairs.filter((p) => p.decision === 'match');
    const found = matches.filter((p) => isTrue.has(`${p.leftId}|${p.rightId}`)).length;
    const pairsCompleteness = result.blocking.pairsCompleteness?.completeness ?? null;
    const figures = {
      sought: left.length,
      held: right.length,
      truePairs: truth.length,
      candidatePairs: result.blocking.candidatePairs,
      pairsCompleteness,
      matches: matches.length,
      possible: result.pairs.length - matches.length,
      precision: round(found / Math.max(1, matches.length), 5),
      recall: round(found / truth.length, 5),
      readSeconds: round(readSeconds, 2),
      seconds: round(seconds, 2),
      peakRssMiB: Math.round(mib(rss.peak())),
    };
    console.log(
      `${figures.sought} × ${figures.held}: ${figures.candidatePairs} candidate pairs, pairs completeness ${pairsCompleteness}, ` +
        `precision ${figures.precision}, recall ${figures.recall}; ${figures.seconds} s (reading ${figures.readSeconds} s), peak RSS ${figures.peakRssMiB} MiB`,
    );
    const withinBudget =
      SIZE === 100_000
        ? seconds <= BUDGET.seconds &&
          figures.peakRssMiB <= BUDGET.rssMiB &&
          (pairsCompleteness ?? 0) >= BUDGET.pairsCompleteness
        : null;
    console.log(
      `budget: ≤ ${BUDGET.seconds} s, ≤ ${BUDGET.rssMiB} MiB, pairs completeness ≥ ${BUDGET.pairsCompleteness}: ${withinBudget === null ? 'n/a (not 100,000)' : withinBudget ? 'yes' : 'NO'}`,
    );
    await writeResult('reconcile', figures, { budgets: BUDGETS, withinBudget });
  });
}
