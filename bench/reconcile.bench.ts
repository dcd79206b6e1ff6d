/**
 * The reconciliation benchmark (DESIGN.md, "Performance budgets"): 100,000 sought × 100,000 held
 * generated cross-script persons (the engine's own generator, packages/engine/src/testing, with
 * its typical errors), linked from CSV files exactly as `parley link` links them, worker threads
 * included. The same figures as the linkage benchmark's scale section, at one size.
 *
 *   npm run bench -- reconcile
 *   PARLEY_BENCH_RECONCILE_SIZE=20000 npm run bench -- reconcile   # a quick try; no verdict
 */
import { listsAtScale } from './linkage/generated.ts';
import { writeResult } from './machine.ts';

const SIZE = Number(process.env.PARLEY_BENCH_RECONCILE_SIZE ?? 100_000);
const BUDGET = { seconds: 20, peakRssMiB: 2048, pairsCompleteness: 0.99 };

export async function runReconcileBenchmark(): Promise<void> {
  const figures = await listsAtScale(SIZE);
  const { calibration, rules, ...shown } = figures;
  console.dir(shown, { depth: 3 });
  console.log(`expected calibration error ${calibration.expectedCalibrationError.toFixed(4)}`);
  for (const rule of rules) {
    console.log(
      `  ${rule.rule}: ${rule.newPairs} new pairs; ${rule.refinedBlocks} blocks split (${rule.pairsSetAside} pairs set aside), ${rule.skippedBlocks} skipped (${rule.skippedPairs} pairs)`,
    );
  }
  const withinBudget =
    SIZE === 100_000
      ? figures.seconds <= BUDGET.seconds &&
        figures.peakRssMiB <= BUDGET.peakRssMiB &&
        figures.pairsCompleteness >= BUDGET.pairsCompleteness
      : null;
  console.log(
    `budget: ≤ ${BUDGET.seconds} s, ≤ ${BUDGET.peakRssMiB} MiB, pairs completeness ≥ ${BUDGET.pairsCompleteness}: ${withinBudget === null ? `n/a (not 100,000)` : withinBudget ? 'yes' : 'NO'}`,
  );
  await writeResult('reconcile', figures, {
    budgets: {
      seconds: `≤ ${BUDGET.seconds}`,
      peakRssMiB: `≤ ${BUDGET.peakRssMiB}`,
      pairsCompleteness: `≥ ${BUDGET.pairsCompleteness}`,
    },
    withinBudget,
  });
}
