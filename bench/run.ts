/**
 * Runs the benchmarks: `npm run bench -- <name>`, or all of them without a name.
 * Every benchmark prints its figures and writes them under bench/results/ (see README.md).
 */
import { formatMachine } from './machine.ts';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  import: async () => (await import('./import.bench.ts')).runImportBenchmark(),
  audit: async () => (await import('./audit.bench.ts')).runAuditBenchmark(),
  linkage: async () => (await import('./linkage.bench.ts')).runLinkageBenchmark(),
  reconcile: async () => (await import('./reconcile.bench.ts')).runReconcileBenchmark(),
  dedupe: async () => (await import('./dedupe.bench.ts')).runDedupeBenchmark(),
  eligibility: async () => (await import('./eligibility.bench.ts')).runEligibilityBenchmark(),
  inquiries: async () => (await import('./inquiries.bench.ts')).runInquiriesBenchmark(),
  'inquiry-figures': async () =>
    (await import('./inquiry-figures.bench.ts')).runInquiryFiguresBenchmark(),
  'api-reads': async () => (await import('./api-reads.bench.ts')).runApiReadsBenchmark(),
  attack: async () => (await import('./attack.bench.ts')).runAttackBenchmark(),
  'exchange-day': async () => (await import('./exchange-day.bench.ts')).runExchangeDayBenchmark(),
  'hostile-upload': async () =>
    (await import('./hostile-upload.bench.ts')).runHostileUploadBenchmark(),
};

async function main(argv: readonly string[]): Promise<number> {
  const known = Object.keys(BENCHMARKS);
  const requested = argv[0];
  const names = requested === undefined ? known : [requested];
  if (requested !== undefined && !(requested in BENCHMARKS)) {
    console.error(`unknown benchmark "${requested}"; known: ${known.join(', ')}`);
    return 2;
  }
  console.log(formatMachine());
  let failed = 0;
  for (const name of names) {
    console.log(`\n== ${name} ==`);
    try {
      await BENCHMARKS[name]?.();
    } catch (error) {
      failed++;
      console.error(`benchmark ${name} failed:`, error);
    }
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
