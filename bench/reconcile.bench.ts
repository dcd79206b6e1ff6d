/**
 * The reconciliation benchmark (DESIGN.md, "Performance budgets"): 100,000 sought × 100,000 held
 * synthetic persons, the held list in Russian forms with the errors DOMAIN.md describes, linked
 * one-to-one from CSV files exactly as `parley link` links them (worker threads included); the
 * generator's truth then measures pairs completeness after blocking, precision and recall.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { linkLists, personListSettings } from '../packages/engine/src/index.ts';
import { generateSyntheticLists } from '../packages/app/src/modules/demo/index.ts';
import { linkFiles } from '../packages/app/src/modules/reconciliation/index.ts';
import { readListRecords } from '../packages/app/src/modules/reconciliation/list-records.ts';
import { LIST_COLUMNS } from '../packages/app/src/modules/registry/index.ts';
import { writeResult } from './machine.ts';
import { mib, round, sampleRss, withTempDir } from './support.ts';

const SIZE = Number(process.env.PARLEY_BENCH_RECONCILE_SIZE ?? 100_000);
const SEED = 1;
const BUDGET = { seconds: 20, rssMiB: 2048, pairsCompleteness: 0.99 };
const BUDGETS = { seconds: '≤ 20', peakRssMiB: '≤ 2048', pairsCompleteness: '≥ 0.99' };

export async function runReconcileBenchmark(): Promise<void> {
  const lists = generateSyntheticLists({ seed: 7, size: SIZE });
  const truth = lists.truth.map((t) => [t.soughtId, t.heldId] as const);
  await withTempDir('parley-reconcile-', async (dir) => {
    const files = {
      sought: path.join(dir, 'sought.csv'),
      held: path.join(dir, 'held.csv'),
      links: path.join(dir, 'links.csv'),
    };
    for (const [kind, rows] of [
      ['sought', lists.sought],
      ['held', lists.held],
    ] as const) {
      await fs.writeFile(
        files[kind],
        stringify([LIST_COLUMNS, ...rows.map((r) => LIST_COLUMNS.map((c) => r[c] ?? ''))]),
      );
    }
    const loadBefore = os.loadavg()[0]!;
    const rss = sampleRss();
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const summary = await linkFiles({
      left: files.sought,
      right: files.held,
      out: files.links,
      match: 0.9,
      review: 0.5,
      seed: SEED,
      encoding: 'utf-8',
      maxBytes: 1e9,
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    rss.stop();

    // Evaluation, not timed: the same linkage in this thread alone, given the truth for pairs
    // completeness; its pairs must be the ones `parley link` wrote.
    const readStarted = performance.now();
    const read = { encoding: 'utf-8', maxBytes: 1e9 } as const;
    const left = (await readListRecords(files.sought, read)).records;
    const right = (await readListRecords(files.held, read)).records;
    const readSeconds = (performance.now() - readStarted) / 1000;
    const singleStarted = performance.now();
    const single = linkLists(left, right, personListSettings(), { seed: SEED, truth });
    const singleThreadSeconds = (performance.now() - singleStarted) / 1000;
    const written: string[][] = parse(await fs.readFile(files.links, 'utf8'), { from_line: 2 });
    const isSameAsSingleThread =
      written.length === single.pairs.length &&
      single.pairs.every((pair, i) => {
        const row = written[i]!;
        return (
          row[0] === pair.leftId && row[1] === pair.rightId && row[3] === pair.weight.toFixed(3)
        );
      });

    const isTrue = new Set(truth.map(([l, r]) => `${l}|${r}`));
    const matches = written.filter((row) => row[4] === 'match');
    const found = matches.filter((row) => isTrue.has(`${row[0]}|${row[1]}`)).length;
    const pairsCompleteness = single.blocking.pairsCompleteness?.completeness ?? null;
    const figures = {
      sought: summary.left,
      held: summary.right,
      truePairs: truth.length,
      candidatePairs: summary.candidatePairs,
      pairsCompleteness,
      matches: summary.matches,
      possible: summary.possible,
      precision: round(found / Math.max(1, matches.length), 5),
      recall: round(found / truth.length, 5),
      seconds: round(seconds, 2),
      cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
      peakRssMiB: Math.round(mib(rss.peak())),
      threads: summary.threads,
      loadAverageBefore: round(loadBefore, 2),
      isSameAsSingleThread,
      singleThreadSeconds: round(singleThreadSeconds, 2),
      readSeconds: round(readSeconds, 2),
    };
    console.log(
      `${figures.sought} × ${figures.held}: ${figures.candidatePairs} candidate pairs, pairs completeness ${pairsCompleteness}, ` +
        `precision ${figures.precision}, recall ${figures.recall}; ${figures.seconds} s on ${figures.threads} threads ` +
        `(${figures.cpuSeconds} s CPU), peak RSS ${figures.peakRssMiB} MiB; load average before ${figures.loadAverageBefore}`,
    );
    console.log(
      `in this thread alone: reading ${figures.readSeconds} s + linking ${figures.singleThreadSeconds} s; ` +
        `same pairs and weights: ${isSameAsSingleThread ? 'yes' : 'NO'}`,
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
    if (!isSameAsSingleThread) {
      throw new Error('parley link wrote other pairs than linkLists in one thread');
    }
  });
}
