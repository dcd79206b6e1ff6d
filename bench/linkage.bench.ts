/**
 * The linkage benchmark (DESIGN.md, "Performance budgets"; issue #12's targets): generated
 * cross-script lists from 5 lines to 100,000, FEBRL and Splink's labelled sets, the calibration
 * of the probabilities on data the engine was not tuned on, and the speed of name comparison.
 *
 *   npm run bench -- linkage
 *   PARLEY_BENCH_LINKAGE=small,mid,febrl,calibration,invariance,jw,scale npm run bench -- linkage
 *   PARLEY_BENCH_LINKAGE_SCALE=20000 npm run bench -- linkage      # the big lists' sizes
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  dedupeList,
  linkLists,
  personListSettings,
  type LinkRecord,
} from '../packages/engine/src/index.ts';
import {
  calibrationOf,
  generatePersonLists,
  judgedPairs,
  linkageQuality,
} from '../packages/engine/src/testing/index.ts';
import { generatedCalibration, listsAtScale, midLists, smallLists } from './linkage/generated.ts';
import { febrl4, febrlD, type LabelledSet, splinkFake1000 } from './linkage/labelled.ts';
import { jaroWinklerThroughput } from './linkage/throughput.ts';
import { writeResult } from './machine.ts';
import { round } from './support.ts';

const SECTIONS = (
  process.env.PARLEY_BENCH_LINKAGE ?? 'small,mid,febrl,calibration,invariance,jw,scale'
).split(',');
const SCALES = (process.env.PARLEY_BENCH_LINKAGE_SCALE ?? '20000,100000').split(',').map(Number);

const TARGETS = {
  small: { f1: 0.97, foundForReview: 0.99 },
  mid: { f1: 0.985, foundForReview: 0.995 },
  febrl: { f1: 0.997, seconds: 2 },
  scale20k: { f1: 0.98, foundForReview: 0.995 },
  scale100k: { f1: 0.96, foundForReview: 0.995, seconds: 20, peakRssMiB: 2048 },
  jaroWinklerMillionsPerSecond: 15,
  expectedCalibrationError: 0.05,
  sizeInvarianceTolerance: 0.001,
};

/** Links a labelled set with the engine (its pairs from a probability of 0.01), timed. */
function linkLabelled(set: LabelledSet) {
  const settings = { ...set.settings, thresholds: { match: 0.9, possible: 0.01 } };
  const started = performance.now();
  // Within one list (right null) pairs are written earlier record first, as the truth is.
  const result =
    set.right === null
      ? dedupeList(set.left, settings, { seed: 1 })
      : linkLists(set.left, set.right, settings, { seed: 1 });
  return { result, seconds: (performance.now() - started) / 1000 };
}

async function febrlSection() {
  const set = await febrl4();
  const { result, seconds } = linkLabelled(set);
  const quality = linkageQuality(result.pairs, set.truth);
  return {
    dataset: set.name,
    f1: round(quality.f1, 4),
    precision: round(quality.precision, 4),
    recall: round(quality.recall, 4),
    seconds: round(seconds, 2),
  };
}

/** Calibration where nothing was tuned: FEBRL's D set, Splink's fake_1000, held-out generated lists. */
async function calibrationSection() {
  const sets = [await febrlD(10_000), await splinkFake1000()];
  const external = sets.map((set) => ({
    dataset: set.name,
    ...calibrationOf(judgedPairs(linkLabelled(set).result.pairs, set.truth)),
  }));
  return [...external, ...generatedCalibration()];
}

/**
 * One clear pair (every name and the full date agreeing) in lists of 8 and of 80,000 lines: its
 * probability must differ by less than the tolerance.
 */
function sizeInvariance() {
  const person = (id: string): LinkRecord => ({
    id,
    fields: {
      surname: 'Гнатишин',
      given_name: 'Остап',
      patronymic: 'Романович',
      date_of_birth: '1987-04-19',
      sex: 'M',
    },
  });
  const settings = personListSettings({ match: 0.9, possible: 0.05 });
  const probabilityIn = (size: number) => {
    const lists = generatePersonLists({ seed: 77_001, sought: size - 1, held: size - 1 });
    const result = linkLists(
      [person('A'), ...lists.sought],
      [...lists.held, person('B')],
      settings,
      {
        seed: 1,
      },
    );
    return result.pairs.find((p) => p.leftId === 'A' && p.rightId === 'B')?.probability ?? 0;
  };
  const [small, large] = [probabilityIn(8), probabilityIn(80_000)];
  return { in8: small, in80000: large, difference: Math.abs(small - large) };
}

export async function runLinkageBenchmark(): Promise<void> {
  const figures: Record<string, unknown> = { loadAverageBefore: round(os.loadavg()[0]!, 2) };
  const verdicts: Record<string, boolean> = {};
  const run = async <T>(
    section: string,
    work: () => T | Promise<T>,
    isChosen = SECTIONS.includes(section),
  ): Promise<T | null> => {
    if (!isChosen) return null;
    const started = performance.now();
    const result = await work();
    console.log(`\n[${section}] ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.dir(result, { depth: 4 });
    figures[section] = result;
    return result;
  };

  const small = await run('small', () => smallLists(200));
  if (small) {
    verdicts.small = small
      .filter((s) => s.profile !== 'hard')
      .every((s) => s.f1 >= TARGETS.small.f1 && s.foundForReview >= TARGETS.small.foundForReview);
  }
  const mid = await run('mid', () => midLists(3));
  if (mid) {
    verdicts.mid = mid
      .filter((s) => s.profile !== 'hard')
      .every((s) => s.f1 >= TARGETS.mid.f1 && s.foundForReview >= TARGETS.mid.foundForReview);
  }
  const febrl = await run('febrl', febrlSection);
  if (febrl) {
    verdicts.febrl = febrl.f1 >= TARGETS.febrl.f1 && febrl.seconds <= TARGETS.febrl.seconds;
  }
  const calibration = await run('calibration', async () =>
    (await calibrationSection()).map(({ dataset, expectedCalibrationError, pairs, bins }) => ({
      dataset,
      pairs,
      expectedCalibrationError: round(expectedCalibrationError, 4),
      bins: bins.map((bin) => ({
        from: bin.from,
        pairs: bin.pairs,
        predicted: round(bin.meanPredicted, 3),
        observed: round(bin.observed, 3),
      })),
    })),
  );
  if (calibration) {
    verdicts.calibration = calibration
      .filter((c) => !c.dataset.includes('hard'))
      .every((c) => c.expectedCalibrationError <= TARGETS.expectedCalibrationError);
  }
  const invariance = await run('invariance', sizeInvariance);
  if (invariance) {
    verdicts.invariance = invariance.difference <= TARGETS.sizeInvarianceTolerance;
  }
  const jw = await run('jw', () => jaroWinklerThroughput());
  if (jw) {
    verdicts.jw = jw.millionsPerSecondAgainstOne >= TARGETS.jaroWinklerMillionsPerSecond;
  }
  for (const size of SECTIONS.includes('scale') ? SCALES : []) {
    // Each size is a section of its own in the result, all chosen by `scale`.
    const result = await run(`scale${size}`, () => listsAtScale(size), true);
    if (!result) continue;
    const target = size >= 100_000 ? TARGETS.scale100k : TARGETS.scale20k;
    verdicts[`scale${size}`] =
      result.f1 >= target.f1 &&
      result.foundForReview >= target.foundForReview &&
      (size < 100_000 ||
        (result.seconds <= TARGETS.scale100k.seconds &&
          result.peakRssMiB <= TARGETS.scale100k.peakRssMiB));
  }

  console.log('\nwithin target:', verdicts);
  const withinBudget =
    Object.keys(verdicts).length === 0 ? null : Object.values(verdicts).every(Boolean);
  await writeResult(
    'linkage',
    { ...figures, verdicts },
    {
      budgets: {
        small: 'lists of 5 to 40 lines: F1 ≥ 0.97, ≥ 99% of true pairs match or possible',
        mid: '3,000 × 2,500: F1 ≥ 0.985, ≥ 99.5% match or possible',
        febrl: 'FEBRL 4: F1 ≥ 0.997 in ≤ 2 s',
        scale:
          '20,000²: F1 ≥ 0.98; 100,000²: F1 ≥ 0.96 in ≤ 20 s and ≤ 2 GB; ≥ 99.5% match or possible',
        calibration: 'expected calibration error ≤ 0.05 on held-out labelled data',
        invariance: 'a clear pair in lists of 8 and 80,000: probabilities within 0.001',
        jw: '≥ 15 million Jaro–Winkler comparisons a second per core',
      },
      withinBudget,
    },
  );
}
